;; A layer of discrete leaky neurons over T ticks, forward and backward
;; through time, four neurons per f32x4 lane group, in tiles of 1024 neurons:
;; a tile runs all its ticks before the next, so its state (v, the synaptic
;; current, a static input, and in the backward pass the gradients and the
;; recomputed membrane) stays in the cache. The forward pass is neuron-op.ts's
;; float32 path operation for operation (f32 mul, then f32 add, each rounded:
;; WebAssembly has no fused multiply-add), so spikes and membranes are
;; bit-identical to it and to the engine. The backward pass computes in f32
;; what neuron-op.ts computes in f64 (the tests compare them within float32
;; rounding).
;;
;; Layout: n = B·N values per tick (a multiple of 4), rows of tick t at t·n.
;; `static` inputs hold one tick, used in every tick. v, syn (forward) and gv,
;; gi (backward) are n zeros on entry.
;; Flags: cuba (synaptic current), subtract (reset by subtraction, else to
;; 0), emit (1: the output is the spikes, 0: the membrane after reset).
;; theta = +inf makes a non-spiking leaky integrator.
;; Surrogate: kind 0 fast sigmoid 1/(k|x| + 1)², kind 1 ATan (α/2)/(1 + (πα x/2)²).
(module
  (import "env" "memory" (memory 1))

  ;; One tile [$k0, $k1) (bytes within a tick) of the forward pass, ticks 0 … T − 1; u of tick t
  ;; stored at $u + t·$ul + (k − $ub) when bit 0 of $store is set, the output at $out + t·4n + k
  ;; with bit 1; spike masks (4 bits per group) at masks + t·n/4 + k/16 when $masks ≠ 0.
  ;; Returns the tile's spike count (a vector of four partial counts, negated).
  (func $forwardTile
    (param $inp i32) (param $static i32) (param $u i32) (param $ul i32) (param $ub i32) (param $out i32)
    (param $v i32) (param $syn i32) (param $k0 i32) (param $k1 i32) (param $T i32) (param $n i32)
    (param $B v128) (param $A v128) (param $TH v128)
    (param $cuba i32) (param $subtract i32) (param $emit i32) (param $store i32) (param $masks i32)
    (result v128)
    (local $t i32) (local $k i32) (local $o i32) (local $io i32) (local $uo i32) (local $mp i32) (local $ld i32)
    (local $count v128) (local $x v128) (local $i v128) (local $uk v128) (local $m v128) (local $vk v128)
    (local.set $ld (i32.shl (local.get $n) (i32.const 2)))
    (local.set $t (i32.const 0))
    (block $doneT
      (loop $nextT
        (br_if $doneT (i32.ge_u (local.get $t) (local.get $T)))
        (local.set $o (i32.mul (local.get $t) (local.get $ld)))
        (local.set $io (select (i32.const 0) (local.get $o) (local.get $static)))
        (local.set $uo (i32.sub (i32.add (local.get $u) (i32.mul (local.get $t) (local.get $ul))) (local.get $ub)))
        (local.set $mp (i32.add (local.get $masks) (i32.mul (local.get $t) (i32.shr_u (local.get $n) (i32.const 2)))))
        (local.set $k (local.get $k0))
        (block $doneK
          (loop $nextK
            (br_if $doneK (i32.ge_u (local.get $k) (local.get $k1)))
            (local.set $x (v128.load (i32.add (local.get $inp) (i32.add (local.get $io) (local.get $k)))))
            (if (local.get $cuba)
              (then
                (local.set $i (f32x4.add
                  (f32x4.mul (local.get $A) (v128.load (i32.add (local.get $syn) (local.get $k))))
                  (local.get $x)))
                (v128.store (i32.add (local.get $syn) (local.get $k)) (local.get $i))
                (local.set $x (local.get $i))))
            (local.set $uk (f32x4.add
              (f32x4.mul (local.get $B) (v128.load (i32.add (local.get $v) (local.get $k))))
              (local.get $x)))
            (if (i32.and (local.get $store) (i32.const 1))
              (then (v128.store (i32.add (local.get $uo) (local.get $k)) (local.get $uk))))
            (local.set $m (f32x4.gt (local.get $uk) (local.get $TH)))
            (local.set $count (i32x4.add (local.get $count) (local.get $m)))
            (local.set $vk (v128.bitselect
              (select (f32x4.sub (local.get $uk) (local.get $TH)) (v128.const i32x4 0 0 0 0) (local.get $subtract))
              (local.get $uk) (local.get $m)))
            (v128.store (i32.add (local.get $v) (local.get $k)) (local.get $vk))
            (if (i32.and (local.get $store) (i32.const 2))
              (then (v128.store (i32.add (local.get $out) (i32.add (local.get $o) (local.get $k)))
                (select (v128.and (local.get $m) (f32x4.splat (f32.const 1))) (local.get $vk) (local.get $emit)))))
            (if (local.get $masks)
              (then (i32.store8 (i32.add (local.get $mp) (i32.shr_u (local.get $k) (i32.const 4)))
                (i32x4.bitmask (local.get $m)))))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (br $nextK)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $nextT)))
    (local.get $count)
  )
  ;; forwardTile for LIF neurons that reset by subtraction and emit spikes, without the flags' tests.
  (func $forwardTileLif
    (param $inp i32) (param $static i32) (param $u i32) (param $ul i32) (param $ub i32) (param $out i32)
    (param $v i32) (param $syn i32) (param $k0 i32) (param $k1 i32) (param $T i32) (param $n i32)
    (param $B v128) (param $A v128) (param $TH v128)
    (param $cuba i32) (param $subtract i32) (param $emit i32) (param $store i32) (param $masks i32)
    (result v128)
    (local $t i32) (local $k i32) (local $o i32) (local $io i32) (local $uo i32) (local $mp i32) (local $ld i32)
    (local $ONE v128) (local $count v128) (local $x v128) (local $i v128) (local $uk v128) (local $m v128) (local $vk v128)
    (local.set $ld (i32.shl (local.get $n) (i32.const 2)))
    (local.set $ONE (f32x4.splat (f32.const 1)))
    (local.set $t (i32.const 0))
    (block $doneT
      (loop $nextT
        (br_if $doneT (i32.ge_u (local.get $t) (local.get $T)))
        (local.set $o (i32.mul (local.get $t) (local.get $ld)))
        (local.set $io (select (i32.const 0) (local.get $o) (local.get $static)))
        (local.set $uo (i32.sub (i32.add (local.get $u) (i32.mul (local.get $t) (local.get $ul))) (local.get $ub)))
        (local.set $mp (i32.add (local.get $masks) (i32.mul (local.get $t) (i32.shr_u (local.get $n) (i32.const 2)))))
        (local.set $k (local.get $k0))
        (block $doneK
          (loop $nextK
            (br_if $doneK (i32.ge_u (local.get $k) (local.get $k1)))
            (local.set $x (v128.load (i32.add (local.get $inp) (i32.add (local.get $io) (local.get $k)))))
            (local.set $uk (f32x4.add
              (f32x4.mul (local.get $B) (v128.load (i32.add (local.get $v) (local.get $k))))
              (local.get $x)))
            (if (i32.and (local.get $store) (i32.const 1))
              (then (v128.store (i32.add (local.get $uo) (local.get $k)) (local.get $uk))))
            (local.set $m (f32x4.gt (local.get $uk) (local.get $TH)))
            (local.set $count (i32x4.add (local.get $count) (local.get $m)))
            (local.set $vk (v128.bitselect (f32x4.sub (local.get $uk) (local.get $TH)) (local.get $uk) (local.get $m)))
            (v128.store (i32.add (local.get $v) (local.get $k)) (local.get $vk))
            (if (i32.and (local.get $store) (i32.const 2))
              (then (v128.store (i32.add (local.get $out) (i32.add (local.get $o) (local.get $k)))
                (v128.and (local.get $m) (local.get $ONE)))))
            (if (local.get $masks)
              (then (i32.store8 (i32.add (local.get $mp) (i32.shr_u (local.get $k) (i32.const 4)))
                (i32x4.bitmask (local.get $m)))))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (br $nextK)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $nextT)))
    (local.get $count)
  )

;; forwardTileLif with spike masks and nothing else stored (the training pass, whose spikes are
  ;; listed), without the stores' tests: the same operations, so the same spikes.
  (func $lifTileMasks
    (param $inp i32) (param $static i32) (param $v i32) (param $k0 i32) (param $k1 i32) (param $T i32)
    (param $n i32) (param $B v128) (param $TH v128) (param $masks i32)
    (result v128)
    (local $t i32) (local $k i32) (local $ip i32) (local $vp i32) (local $mp i32) (local $ld i32) (local $g i32)
    (local $count v128) (local $uk v128) (local $m v128)
    (local.set $ld (i32.shl (local.get $n) (i32.const 2)))
    (block $doneT
      (loop $nextT
        (br_if $doneT (i32.ge_u (local.get $t) (local.get $T)))
        (local.set $ip (i32.add (local.get $inp) (i32.add (local.get $k0)
          (select (i32.const 0) (i32.mul (local.get $t) (local.get $ld)) (local.get $static)))))
        (local.set $vp (i32.add (local.get $v) (local.get $k0)))
        (local.set $mp (i32.add (i32.add (local.get $masks) (i32.shr_u (local.get $k0) (i32.const 4)))
          (i32.mul (local.get $t) (i32.shr_u (local.get $n) (i32.const 2)))))
        (local.set $g (i32.shr_u (i32.sub (local.get $k1) (local.get $k0)) (i32.const 4)))
        (block $doneK
          (loop $nextK
            (br_if $doneK (i32.eqz (local.get $g)))
            (local.set $uk (f32x4.add
              (f32x4.mul (local.get $B) (v128.load (local.get $vp)))
              (v128.load (local.get $ip))))
            (local.set $m (f32x4.gt (local.get $uk) (local.get $TH)))
            (local.set $count (i32x4.add (local.get $count) (local.get $m)))
            (v128.store (local.get $vp)
              (v128.bitselect (f32x4.sub (local.get $uk) (local.get $TH)) (local.get $uk) (local.get $m)))
            (i32.store8 (local.get $mp) (i32x4.bitmask (local.get $m)))
            (local.set $ip (i32.add (local.get $ip) (i32.const 16)))
            (local.set $vp (i32.add (local.get $vp) (i32.const 16)))
            (local.set $mp (i32.add (local.get $mp) (i32.const 1)))
            (local.set $g (i32.sub (local.get $g) (i32.const 1)))
            (br $nextK)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $nextT)))
    (local.get $count)
  )

  ;; forwardTileLif storing u only (the backward pass's recomputation into its scratch: u of tick t,
  ;; byte k at $u + t·$ul + (k − $k0)), without the other stores' tests.
  (func $lifTileU
    (param $inp i32) (param $static i32) (param $u i32) (param $ul i32) (param $v i32) (param $k0 i32)
    (param $k1 i32) (param $T i32) (param $n i32) (param $B v128) (param $TH v128)
    (local $t i32) (local $ip i32) (local $vp i32) (local $up i32) (local $ld i32) (local $g i32)
    (local $uk v128)
    (local.set $ld (i32.shl (local.get $n) (i32.const 2)))
    (block $doneT
      (loop $nextT
        (br_if $doneT (i32.ge_u (local.get $t) (local.get $T)))
        (local.set $ip (i32.add (local.get $inp) (i32.add (local.get $k0)
          (select (i32.const 0) (i32.mul (local.get $t) (local.get $ld)) (local.get $static)))))
        (local.set $vp (i32.add (local.get $v) (local.get $k0)))
        (local.set $up (i32.add (local.get $u) (i32.mul (local.get $t) (local.get $ul))))
        (local.set $g (i32.shr_u (i32.sub (local.get $k1) (local.get $k0)) (i32.const 4)))
        (block $doneK
          (loop $nextK
            (br_if $doneK (i32.eqz (local.get $g)))
            (local.set $uk (f32x4.add
              (f32x4.mul (local.get $B) (v128.load (local.get $vp)))
              (v128.load (local.get $ip))))
            (v128.store (local.get $up) (local.get $uk))
            (v128.store (local.get $vp)
              (v128.bitselect (f32x4.sub (local.get $uk) (local.get $TH)) (local.get $uk)
                (f32x4.gt (local.get $uk) (local.get $TH))))
            (local.set $ip (i32.add (local.get $ip) (i32.const 16)))
            (local.set $vp (i32.add (local.get $vp) (i32.const 16)))
            (local.set $up (i32.add (local.get $up) (i32.const 16)))
            (local.set $g (i32.sub (local.get $g) (i32.const 1)))
            (br $nextK)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $nextT)))
  )

  ;; The forward pass, tile by tile; returns the number of spikes (padding lanes included).
  ;; $store: bit 0 stores u (at $u, rows of n), bit 1 the output; $masks ≠ 0 stores each group's
  ;; spike mask per tick, a byte at masks + t·n/4 + group, for "listMasks".
  (func (export "forward")
    (param $inp i32) (param $static i32) (param $u i32) (param $out i32)
    (param $v i32) (param $syn i32) (param $T i32) (param $n i32)
    (param $beta f32) (param $alpha f32) (param $theta f32)
    (param $cuba i32) (param $subtract i32) (param $emit i32)
    (param $store i32) (param $masks i32)
    (result i32)
    (local $k0 i32) (local $k1 i32) (local $end i32) (local $count v128)
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $k0) (local.get $end)))
        (local.set $k1 (select (i32.add (local.get $k0) (i32.const 4096)) (local.get $end)
          (i32.lt_u (i32.add (local.get $k0) (i32.const 4096)) (local.get $end))))
        (if (i32.and (i32.and (i32.and (i32.eqz (local.get $cuba)) (local.get $subtract)) (local.get $emit))
              (i32.and (i32.eqz (local.get $store)) (i32.ne (local.get $masks) (i32.const 0))))
          (then (local.set $count (i32x4.add (local.get $count) (call $lifTileMasks
            (local.get $inp) (local.get $static) (local.get $v) (local.get $k0) (local.get $k1) (local.get $T)
            (local.get $n) (f32x4.splat (local.get $beta)) (f32x4.splat (local.get $theta)) (local.get $masks)))))
        (else (if (i32.and (i32.and (i32.eqz (local.get $cuba)) (local.get $subtract)) (local.get $emit))
          (then (local.set $count (i32x4.add (local.get $count) (call $forwardTileLif
            (local.get $inp) (local.get $static) (local.get $u) (i32.shl (local.get $n) (i32.const 2)) (i32.const 0)
            (local.get $out) (local.get $v) (local.get $syn) (local.get $k0) (local.get $k1) (local.get $T) (local.get $n)
            (f32x4.splat (local.get $beta)) (f32x4.splat (local.get $alpha)) (f32x4.splat (local.get $theta))
            (local.get $cuba) (local.get $subtract) (local.get $emit) (local.get $store) (local.get $masks)))))
          (else (local.set $count (i32x4.add (local.get $count) (call $forwardTile
            (local.get $inp) (local.get $static) (local.get $u) (i32.shl (local.get $n) (i32.const 2)) (i32.const 0)
            (local.get $out) (local.get $v) (local.get $syn) (local.get $k0) (local.get $k1) (local.get $T) (local.get $n)
            (f32x4.splat (local.get $beta)) (f32x4.splat (local.get $alpha)) (f32x4.splat (local.get $theta))
            (local.get $cuba) (local.get $subtract) (local.get $emit) (local.get $store) (local.get $masks))))))))
        (local.set $k0 (local.get $k1))
        (br $next)))
    (i32.sub (i32.const 0) (i32.add
      (i32.add (i32x4.extract_lane 0 (local.get $count)) (i32x4.extract_lane 1 (local.get $count)))
      (i32.add (i32x4.extract_lane 2 (local.get $count)) (i32x4.extract_lane 3 (local.get $count)))))
  )

  ;; The spikes of rows of N lanes (N a multiple of 4) from the forward pass's masks, as
  ;; "compact" lists non-zero inputs: idx the columns, ptr the rows' ends; groups = T·n/4.
  (func (export "listMasks")
    (param $masks i32) (param $groups i32) (param $N i32) (param $idx i32) (param $ptr i32)
    (local $mp i32) (local $end i32) (local $rowEnd i32) (local $m i32) (local $c i32) (local $pp i32)
    (local $J v128) (local $FOUR v128)
    (local.set $FOUR (i32x4.splat (i32.const 4)))
    (local.set $mp (local.get $masks))
    (local.set $end (i32.add (local.get $masks) (local.get $groups)))
    (local.set $pp (local.get $ptr))
    (i32.store (local.get $pp) (i32.const 0))
    (block $doneR
      (loop $nextR
        (br_if $doneR (i32.ge_u (local.get $mp) (local.get $end)))
        (local.set $rowEnd (i32.add (local.get $mp) (i32.shr_u (local.get $N) (i32.const 2))))
        (local.set $J (v128.const i32x4 0 1 2 3))
        (block $doneG
          (loop $nextG
            (br_if $doneG (i32.ge_u (local.get $mp) (local.get $rowEnd)))
            (local.set $m (i32.load8_u (local.get $mp)))
            (v128.store (i32.add (local.get $idx) (local.get $c))
              (i8x16.swizzle (local.get $J) (v128.load (i32.shl (local.get $m) (i32.const 4)))))
            (local.set $c (i32.add (local.get $c) (i32.shl (i32.popcnt (local.get $m)) (i32.const 2))))
            (local.set $J (i32x4.add (local.get $J) (local.get $FOUR)))
            (local.set $mp (i32.add (local.get $mp) (i32.const 1)))
            (br $nextG)))
        (local.set $pp (i32.add (local.get $pp) (i32.const 4)))
        (i32.store (local.get $pp) (i32.shr_u (local.get $c) (i32.const 2)))
        (br $nextR)))
  )


  ;; Adds ∂L/∂input into gx from dy, tile by tile, ticks backwards. $u = 0: the tile's u is
  ;; recomputed from the input $inp first (the forward pass's operations, into the scratch $scr
  ;; of T × 4096 bytes, with v and syn as its state); else u is read at $u (rows of n).
  ;; $F ≠ 0 (rows of F ≤ 1024 neurons, B = n/F samples): dy is the spikes' ∂L/∂s of a narrow
  ;; projection, computed here a sample at a time into the scratch $gsc (T × 4F bytes) as
  ;; denseSmallK computes it: row t·B + b of $dz [rows × $nk] times $bt [$nk × F], ticks 0 … T − 2,
  ;; from 0 or, with $acc, from dy's values; tick T − 1 is dy's (or 0). Tiles are then one sample.
  (func (export "backward")
    (param $dy i32) (param $u i32) (param $gx i32) (param $static i32)
    (param $gv i32) (param $gi i32) (param $inp i32) (param $scr i32) (param $v i32) (param $syn i32)
    (param $T i32) (param $n i32)
    (param $beta f32) (param $alpha f32) (param $theta f32)
    (param $cuba i32) (param $subtract i32) (param $emit i32) (param $spiking i32)
    (param $kind i32) (param $scale f32)
    (param $dz i32) (param $bt i32) (param $nk i32) (param $F i32) (param $acc i32) (param $gsc i32)
    (local $t i32) (local $k i32) (local $k0 i32) (local $k1 i32) (local $end i32) (local $o i32) (local $go i32)
    (local $ld i32) (local $ub i32) (local $ul i32) (local $ur i32) (local $gp i32)
    (local $B v128) (local $A v128) (local $TH v128) (local $ONE v128) (local $K v128) (local $H v128)
    (local $d v128) (local $gs v128) (local $gvt v128) (local $du v128) (local $uk v128) (local $z v128)
    (local $sg v128) (local $dd v128) (local $plain i32)
    (local $tile i32) (local $dr i32) (local $dl i32) (local $Bn i32) (local $row i32) (local $M v128)
    (local.set $B (f32x4.splat (local.get $beta)))
    (local.set $A (f32x4.splat (local.get $alpha)))
    (local.set $TH (f32x4.splat (local.get $theta)))
    (local.set $ONE (f32x4.splat (f32.const 1)))
    ;; fast sigmoid: k; ATan: π α/2 and α/2
    (local.set $K (f32x4.splat (select
      (f32.mul (f32.const 1.5707963267948966) (local.get $scale))
      (local.get $scale) (local.get $kind))))
    (local.set $H (f32x4.splat (f32.mul (f32.const 0.5) (local.get $scale))))
    (local.set $ld (i32.shl (local.get $n) (i32.const 2)))
    (local.set $end (local.get $ld))
    (local.set $plain (i32.and (i32.and (i32.and (i32.eqz (local.get $cuba)) (local.get $subtract))
      (i32.and (local.get $emit) (local.get $spiking))) (i32.and (local.get $kind) (local.get $static))))
    (local.set $tile (select (i32.shl (local.get $F) (i32.const 2)) (i32.const 4096) (local.get $F)))
    (local.set $dr (local.get $dy))
    (local.set $dl (local.get $ld))
    (if (local.get $F)
      (then
        (local.set $Bn (i32.div_u (local.get $n) (local.get $F)))
        (local.set $dl (i32.shl (local.get $F) (i32.const 2)))
        (local.set $M (i32x4.splat (i32.sub (i32.const 0) (i32.ne (local.get $acc) (i32.const 0)))))))
    (block $doneTile
      (loop $nextTile
        (br_if $doneTile (i32.ge_u (local.get $k0) (local.get $end)))
        (local.set $k1 (select (i32.add (local.get $k0) (local.get $tile)) (local.get $end)
          (i32.lt_u (i32.add (local.get $k0) (local.get $tile)) (local.get $end))))
        ;; this sample's ∂L/∂s, tick by tick, into the scratch: dy of tick t byte k at dr + t·dl + k
        (if (local.get $F)
          (then
            (local.set $row (i32.div_u (local.get $k0) (local.get $dl)))
            (if (local.get $acc)
              (then
                (local.set $t (i32.const 0))
                (block $doneCopy
                  (loop $nextCopy
                    (br_if $doneCopy (i32.ge_u (local.get $t) (local.get $T)))
                    (memory.copy
                      (i32.add (local.get $gsc) (i32.mul (local.get $t) (local.get $dl)))
                      (i32.add (local.get $dy) (i32.add (i32.mul (local.get $t) (local.get $ld)) (local.get $k0)))
                      (local.get $dl))
                    (local.set $t (i32.add (local.get $t) (i32.const 1)))
                    (br $nextCopy))))
              (else (memory.fill
                (i32.add (local.get $gsc) (i32.mul (i32.sub (local.get $T) (i32.const 1)) (local.get $dl)))
                (i32.const 0) (local.get $dl))))
            (local.set $t (i32.const 0))
            (block $doneGs
              (loop $nextGs
                (br_if $doneGs (i32.ge_u (i32.add (local.get $t) (i32.const 1)) (local.get $T)))
                (call $smallKRows
                  (i32.add (local.get $dz) (i32.shl (i32.mul
                    (i32.add (i32.mul (local.get $t) (local.get $Bn)) (local.get $row)) (local.get $nk)) (i32.const 2)))
                  (local.get $bt)
                  (i32.add (local.get $gsc) (i32.mul (local.get $t) (local.get $dl)))
                  (i32.const 0) (local.get $nk) (local.get $F) (local.get $M))
                (local.set $t (i32.add (local.get $t) (i32.const 1)))
                (br $nextGs)))
            (local.set $dr (i32.sub (local.get $gsc) (local.get $k0)))))
        ;; where this tile's u is: u of tick t, byte k at ur + t·ul + k
        (if (i32.eqz (local.get $u))
          (then
            (if (i32.and (i32.and (i32.eqz (local.get $cuba)) (local.get $subtract)) (local.get $emit))
              (then (call $lifTileU
                (local.get $inp) (local.get $static) (local.get $scr) (i32.const 4096) (local.get $v)
                (local.get $k0) (local.get $k1) (local.get $T) (local.get $n) (local.get $B) (local.get $TH)))
              (else (drop (call $forwardTile
                (local.get $inp) (local.get $static) (local.get $scr) (i32.const 4096) (local.get $k0)
                (i32.const 0) (local.get $v) (local.get $syn) (local.get $k0) (local.get $k1) (local.get $T) (local.get $n)
                (local.get $B) (local.get $A) (local.get $TH)
                (local.get $cuba) (local.get $subtract) (local.get $emit) (i32.const 1) (i32.const 0)))))
            (local.set $ur (i32.sub (local.get $scr) (local.get $k0)))
            (local.set $ul (i32.const 4096)))
          (else
            (local.set $ur (local.get $u))
            (local.set $ul (local.get $ld))))
        ;; the common case (LIF, reset by subtraction, spikes out, ATan, static input) without the flags' tests
        (if (local.get $plain)
          (then
            (local.set $t (local.get $T))
            (block $doneT
              (loop $nextT
                (br_if $doneT (i32.eqz (local.get $t)))
                (local.set $t (i32.sub (local.get $t) (i32.const 1)))
                (local.set $o (i32.mul (local.get $t) (local.get $ld)))
                (local.set $ub (i32.add (local.get $ur) (i32.mul (local.get $t) (local.get $ul))))
                (local.set $k (local.get $k0))
                (block $doneK
                  (loop $nextK
                    (br_if $doneK (i32.ge_u (local.get $k) (local.get $k1)))
                    (local.set $z (f32x4.mul (local.get $K)
                      (f32x4.sub (v128.load (i32.add (local.get $ub) (local.get $k))) (local.get $TH))))
                    (local.set $du (f32x4.add (v128.load (i32.add (local.get $gv) (local.get $k)))
                      (f32x4.mul (v128.load (i32.add (i32.add (local.get $dr) (i32.mul (local.get $t) (local.get $dl))) (local.get $k)))
                        (f32x4.div (local.get $H)
                          (f32x4.add (local.get $ONE) (f32x4.mul (local.get $z) (local.get $z)))))))
                    (v128.store (i32.add (local.get $gv) (local.get $k)) (f32x4.mul (local.get $B) (local.get $du)))
                    (local.set $gp (i32.add (local.get $gx) (local.get $k)))
                    (v128.store (local.get $gp) (f32x4.add (v128.load (local.get $gp)) (local.get $du)))
                    (local.set $k (i32.add (local.get $k) (i32.const 16)))
                    (br $nextK)))
                (br $nextT))))
          (else
            (local.set $t (local.get $T))
            (block $doneT
              (loop $nextT
                (br_if $doneT (i32.eqz (local.get $t)))
                (local.set $t (i32.sub (local.get $t) (i32.const 1)))
                (local.set $o (i32.mul (local.get $t) (local.get $ld)))
                (local.set $go (select (i32.const 0) (local.get $o) (local.get $static)))
                (local.set $ub (i32.add (local.get $ur) (i32.mul (local.get $t) (local.get $ul))))
                (local.set $k (local.get $k0))
                (block $doneK
                  (loop $nextK
                    (br_if $doneK (i32.ge_u (local.get $k) (local.get $k1)))
                    (local.set $d (v128.load (i32.add (i32.add (local.get $dr) (i32.mul (local.get $t) (local.get $dl))) (local.get $k))))
                    (local.set $gvt (v128.load (i32.add (local.get $gv) (local.get $k))))
                    (if (local.get $emit)
                      (then (local.set $gs (local.get $d)))
                      (else
                        (local.set $gs (v128.const i32x4 0 0 0 0))
                        (local.set $gvt (f32x4.add (local.get $gvt) (local.get $d)))))
                    (local.set $uk (v128.load (i32.add (local.get $ub) (local.get $k))))
                    (local.set $du (local.get $gvt))
                    (if (local.get $spiking)
                      (then
                        (if (i32.eqz (local.get $subtract))
                          (then (local.set $du (v128.andnot (local.get $gvt) (f32x4.gt (local.get $uk) (local.get $TH))))))
                        (local.set $z (f32x4.mul (local.get $K) (f32x4.sub (local.get $uk) (local.get $TH))))
                        (if (local.get $kind)
                          (then
                            (local.set $sg (f32x4.div (local.get $H)
                              (f32x4.add (local.get $ONE) (f32x4.mul (local.get $z) (local.get $z))))))
                          (else
                            (local.set $z (f32x4.add (f32x4.abs (local.get $z)) (local.get $ONE)))
                            (local.set $sg (f32x4.div (local.get $ONE) (f32x4.mul (local.get $z) (local.get $z))))))
                        (local.set $du (f32x4.add (local.get $du) (f32x4.mul (local.get $gs) (local.get $sg))))))
                    (local.set $dd (local.get $du))
                    (if (local.get $cuba)
                      (then
                        (local.set $dd (f32x4.add (local.get $du) (v128.load (i32.add (local.get $gi) (local.get $k)))))
                        (v128.store (i32.add (local.get $gi) (local.get $k)) (f32x4.mul (local.get $A) (local.get $dd)))))
                    (v128.store (i32.add (local.get $gv) (local.get $k)) (f32x4.mul (local.get $B) (local.get $du)))
                    (local.set $gp (i32.add (local.get $gx) (i32.add (local.get $go) (local.get $k))))
                    (v128.store (local.get $gp) (f32x4.add (v128.load (local.get $gp)) (local.get $dd)))
                    (local.set $k (i32.add (local.get $k) (i32.const 16)))
                    (br $nextK)))
                (br $nextT)))
          ))
        (local.set $k0 (local.get $k1))
        (br $nextTile)))
  )

  ;; The sparse products of the synapses work on rows compacted by "compact": row r's entries are
  ;; k = ptr[r] … ptr[r + 1] − 1 of idx (the input j, whose row of W or gW they read) and
  ;; val (its value), in input order, the rows one after another. Column counts N are multiples of 4 (operands padded with zeros); columns
  ;; go in tiles of 32 (eight f32x4 accumulators in registers), then of 16, then of 4.

  ;; Each row r of s [rows × F]: the inputs j with s[r, j] ≠ 0, in order, without branches: four
  ;; inputs at a time, packed by the shuffle of their non-zero mask (the table of 16 shuffles at
  ;; address 0, written by the wrapper), then a scalar tail. val may be s itself (entries are
  ;; written at or before the inputs they come from, which are read first).
  (func (export "compact")
    (param $s i32) (param $rows i32) (param $F i32) (param $idx i32) (param $val i32) (param $ptr i32)
    (local $r i32) (local $j i32) (local $jo i32) (local $c i32) (local $v f32) (local $sp i32)
    (local $m i32) (local $sh v128) (local $x v128) (local $J v128)
    (local.set $J (v128.const i32x4 0 1 2 3))
    (local.set $sp (local.get $s))
    (local.set $c (i32.const 0))
    (i32.store (local.get $ptr) (i32.const 0))
    (local.set $r (i32.const 0))
    (block $doneR
      (loop $nextR
        (br_if $doneR (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $j (i32.const 0))
        (local.set $jo (i32.const 0))
        (block $done4
          (loop $next4
            (br_if $done4 (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $F)))
            (local.set $x (v128.load (local.get $sp)))
            (local.set $m (i32x4.bitmask (f32x4.ne (local.get $x) (v128.const i32x4 0 0 0 0))))
            (local.set $sh (v128.load (i32.shl (local.get $m) (i32.const 4))))
            (v128.store (i32.add (local.get $val) (local.get $c)) (i8x16.swizzle (local.get $x) (local.get $sh)))
            (v128.store (i32.add (local.get $idx) (local.get $c))
              (i8x16.swizzle (i32x4.add (i32x4.splat (local.get $jo)) (local.get $J)) (local.get $sh)))
            (local.set $c (i32.add (local.get $c) (i32.shl (i32.popcnt (local.get $m)) (i32.const 2))))
            (local.set $sp (i32.add (local.get $sp) (i32.const 16)))
            (local.set $jo (i32.add (local.get $jo) (i32.const 4)))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $next4)))
        (block $doneJ
          (loop $nextJ
            (br_if $doneJ (i32.ge_u (local.get $j) (local.get $F)))
            (local.set $v (f32.load (local.get $sp)))
            (i32.store (i32.add (local.get $idx) (local.get $c)) (local.get $jo))
            (f32.store (i32.add (local.get $val) (local.get $c)) (local.get $v))
            (local.set $c (i32.add (local.get $c) (i32.shl (f32.ne (local.get $v) (f32.const 0)) (i32.const 2))))
            (local.set $sp (i32.add (local.get $sp) (i32.const 4)))
            (local.set $jo (i32.add (local.get $jo) (i32.const 1)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $nextJ)))
        (i32.store (i32.add (local.get $ptr) (i32.shl (i32.add (local.get $r) (i32.const 1)) (i32.const 2)))
          (i32.shr_u (local.get $c) (i32.const 2)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $nextR)))
  )


  ;; One row's 32 columns from column byte offset $wp0 of W: out = Σ_k val[k]·W[idx[k]], k in order.
  (func $rowsTile8 (param $ip i32) (param $vp i32) (param $n i32) (param $wp0 i32) (param $op i32) (param $ld i32) (param $acc i32)
    (local $wp i32) (local $S v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $a4 v128) (local $a5 v128) (local $a6 v128) (local $a7 v128)
    (local.set $a0 (select (v128.load offset=0 (local.get $op)) (v128.const i32x4 0 0 0 0) (local.get $acc)))
    (local.set $a1 (select (v128.load offset=16 (local.get $op)) (v128.const i32x4 0 0 0 0) (local.get $acc)))
    (local.set $a2 (select (v128.load offset=32 (local.get $op)) (v128.const i32x4 0 0 0 0) (local.get $acc)))
    (local.set $a3 (select (v128.load offset=48 (local.get $op)) (v128.const i32x4 0 0 0 0) (local.get $acc)))
    (local.set $a4 (select (v128.load offset=64 (local.get $op)) (v128.const i32x4 0 0 0 0) (local.get $acc)))
    (local.set $a5 (select (v128.load offset=80 (local.get $op)) (v128.const i32x4 0 0 0 0) (local.get $acc)))
    (local.set $a6 (select (v128.load offset=96 (local.get $op)) (v128.const i32x4 0 0 0 0) (local.get $acc)))
    (local.set $a7 (select (v128.load offset=112 (local.get $op)) (v128.const i32x4 0 0 0 0) (local.get $acc)))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $S (f32x4.splat (f32.load (local.get $vp))))
        (local.set $wp (i32.add (local.get $wp0) (i32.mul (i32.load (local.get $ip)) (local.get $ld))))
        (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $S) (v128.load offset=0 (local.get $wp)))))
        (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $S) (v128.load offset=16 (local.get $wp)))))
        (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $S) (v128.load offset=32 (local.get $wp)))))
        (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $S) (v128.load offset=48 (local.get $wp)))))
        (local.set $a4 (f32x4.add (local.get $a4) (f32x4.mul (local.get $S) (v128.load offset=64 (local.get $wp)))))
        (local.set $a5 (f32x4.add (local.get $a5) (f32x4.mul (local.get $S) (v128.load offset=80 (local.get $wp)))))
        (local.set $a6 (f32x4.add (local.get $a6) (f32x4.mul (local.get $S) (v128.load offset=96 (local.get $wp)))))
        (local.set $a7 (f32x4.add (local.get $a7) (f32x4.mul (local.get $S) (v128.load offset=112 (local.get $wp)))))
        (local.set $ip (i32.add (local.get $ip) (i32.const 4)))
        (local.set $vp (i32.add (local.get $vp) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (v128.store offset=0 (local.get $op) (local.get $a0))
    (v128.store offset=16 (local.get $op) (local.get $a1))
    (v128.store offset=32 (local.get $op) (local.get $a2))
    (v128.store offset=48 (local.get $op) (local.get $a3))
    (v128.store offset=64 (local.get $op) (local.get $a4))
    (v128.store offset=80 (local.get $op) (local.get $a5))
    (v128.store offset=96 (local.get $op) (local.get $a6))
    (v128.store offset=112 (local.get $op) (local.get $a7))
  )

  ;; One row's 16 columns from column byte offset $wp0 of W: out = Σ_k val[k]·W[idx[k]], k in order.
  (func $rowsTile4 (param $ip i32) (param $vp i32) (param $n i32) (param $wp0 i32) (param $op i32) (param $ld i32) (param $acc i32)
    (local $wp i32) (local $S v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $a0 (select (v128.load offset=0 (local.get $op)) (v128.const i32x4 0 0 0 0) (local.get $acc)))
    (local.set $a1 (select (v128.load offset=16 (local.get $op)) (v128.const i32x4 0 0 0 0) (local.get $acc)))
    (local.set $a2 (select (v128.load offset=32 (local.get $op)) (v128.const i32x4 0 0 0 0) (local.get $acc)))
    (local.set $a3 (select (v128.load offset=48 (local.get $op)) (v128.const i32x4 0 0 0 0) (local.get $acc)))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $S (f32x4.splat (f32.load (local.get $vp))))
        (local.set $wp (i32.add (local.get $wp0) (i32.mul (i32.load (local.get $ip)) (local.get $ld))))
        (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $S) (v128.load offset=0 (local.get $wp)))))
        (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $S) (v128.load offset=16 (local.get $wp)))))
        (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $S) (v128.load offset=32 (local.get $wp)))))
        (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $S) (v128.load offset=48 (local.get $wp)))))
        (local.set $ip (i32.add (local.get $ip) (i32.const 4)))
        (local.set $vp (i32.add (local.get $vp) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (v128.store offset=0 (local.get $op) (local.get $a0))
    (v128.store offset=16 (local.get $op) (local.get $a1))
    (v128.store offset=32 (local.get $op) (local.get $a2))
    (v128.store offset=48 (local.get $op) (local.get $a3))
  )

  ;; One row's 4 columns from column byte offset $wp0 of W: out = Σ_k val[k]·W[idx[k]], k in order.
  (func $rowsTile1 (param $ip i32) (param $vp i32) (param $n i32) (param $wp0 i32) (param $op i32) (param $ld i32) (param $acc i32)
    (local $wp i32) (local $S v128) (local $a0 v128)
    (local.set $a0 (select (v128.load offset=0 (local.get $op)) (v128.const i32x4 0 0 0 0) (local.get $acc)))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $S (f32x4.splat (f32.load (local.get $vp))))
        (local.set $wp (i32.add (local.get $wp0) (i32.mul (i32.load (local.get $ip)) (local.get $ld))))
        (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $S) (v128.load offset=0 (local.get $wp)))))
        (local.set $ip (i32.add (local.get $ip) (i32.const 4)))
        (local.set $vp (i32.add (local.get $vp) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (v128.store offset=0 (local.get $op) (local.get $a0))
  )

  ;; One row's 32 columns of dz (from $dp) into the rows idx[k] of gW (from column offset $gp0).
  (func $outerTile8 (param $ip i32) (param $vp i32) (param $n i32) (param $gp0 i32) (param $dp i32) (param $ld i32)
    (local $gp i32) (local $S v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $a4 v128) (local $a5 v128) (local $a6 v128) (local $a7 v128)
    (local.set $a0 (v128.load offset=0 (local.get $dp)))
    (local.set $a1 (v128.load offset=16 (local.get $dp)))
    (local.set $a2 (v128.load offset=32 (local.get $dp)))
    (local.set $a3 (v128.load offset=48 (local.get $dp)))
    (local.set $a4 (v128.load offset=64 (local.get $dp)))
    (local.set $a5 (v128.load offset=80 (local.get $dp)))
    (local.set $a6 (v128.load offset=96 (local.get $dp)))
    (local.set $a7 (v128.load offset=112 (local.get $dp)))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $S (f32x4.splat (f32.load (local.get $vp))))
        (local.set $gp (i32.add (local.get $gp0) (i32.mul (i32.load (local.get $ip)) (local.get $ld))))
        (v128.store offset=0 (local.get $gp) (f32x4.add (v128.load offset=0 (local.get $gp)) (f32x4.mul (local.get $S) (local.get $a0))))
        (v128.store offset=16 (local.get $gp) (f32x4.add (v128.load offset=16 (local.get $gp)) (f32x4.mul (local.get $S) (local.get $a1))))
        (v128.store offset=32 (local.get $gp) (f32x4.add (v128.load offset=32 (local.get $gp)) (f32x4.mul (local.get $S) (local.get $a2))))
        (v128.store offset=48 (local.get $gp) (f32x4.add (v128.load offset=48 (local.get $gp)) (f32x4.mul (local.get $S) (local.get $a3))))
        (v128.store offset=64 (local.get $gp) (f32x4.add (v128.load offset=64 (local.get $gp)) (f32x4.mul (local.get $S) (local.get $a4))))
        (v128.store offset=80 (local.get $gp) (f32x4.add (v128.load offset=80 (local.get $gp)) (f32x4.mul (local.get $S) (local.get $a5))))
        (v128.store offset=96 (local.get $gp) (f32x4.add (v128.load offset=96 (local.get $gp)) (f32x4.mul (local.get $S) (local.get $a6))))
        (v128.store offset=112 (local.get $gp) (f32x4.add (v128.load offset=112 (local.get $gp)) (f32x4.mul (local.get $S) (local.get $a7))))
        (local.set $ip (i32.add (local.get $ip) (i32.const 4)))
        (local.set $vp (i32.add (local.get $vp) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
  )

  ;; One row's 16 columns of dz (from $dp) into the rows idx[k] of gW (from column offset $gp0).
  (func $outerTile4 (param $ip i32) (param $vp i32) (param $n i32) (param $gp0 i32) (param $dp i32) (param $ld i32)
    (local $gp i32) (local $S v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $a0 (v128.load offset=0 (local.get $dp)))
    (local.set $a1 (v128.load offset=16 (local.get $dp)))
    (local.set $a2 (v128.load offset=32 (local.get $dp)))
    (local.set $a3 (v128.load offset=48 (local.get $dp)))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $S (f32x4.splat (f32.load (local.get $vp))))
        (local.set $gp (i32.add (local.get $gp0) (i32.mul (i32.load (local.get $ip)) (local.get $ld))))
        (v128.store offset=0 (local.get $gp) (f32x4.add (v128.load offset=0 (local.get $gp)) (f32x4.mul (local.get $S) (local.get $a0))))
        (v128.store offset=16 (local.get $gp) (f32x4.add (v128.load offset=16 (local.get $gp)) (f32x4.mul (local.get $S) (local.get $a1))))
        (v128.store offset=32 (local.get $gp) (f32x4.add (v128.load offset=32 (local.get $gp)) (f32x4.mul (local.get $S) (local.get $a2))))
        (v128.store offset=48 (local.get $gp) (f32x4.add (v128.load offset=48 (local.get $gp)) (f32x4.mul (local.get $S) (local.get $a3))))
        (local.set $ip (i32.add (local.get $ip) (i32.const 4)))
        (local.set $vp (i32.add (local.get $vp) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
  )

  ;; One row's 4 columns of dz (from $dp) into the rows idx[k] of gW (from column offset $gp0).
  (func $outerTile1 (param $ip i32) (param $vp i32) (param $n i32) (param $gp0 i32) (param $dp i32) (param $ld i32)
    (local $gp i32) (local $S v128) (local $a0 v128)
    (local.set $a0 (v128.load offset=0 (local.get $dp)))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $S (f32x4.splat (f32.load (local.get $vp))))
        (local.set $gp (i32.add (local.get $gp0) (i32.mul (i32.load (local.get $ip)) (local.get $ld))))
        (v128.store offset=0 (local.get $gp) (f32x4.add (v128.load offset=0 (local.get $gp)) (f32x4.mul (local.get $S) (local.get $a0))))
        (local.set $ip (i32.add (local.get $ip) (i32.const 4)))
        (local.set $vp (i32.add (local.get $vp) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
  )

  ;; The same tiles for 0/1 inputs (spikes): the values are all 1, and 1·w = w exactly.
  (func $rowsTileOnes8 (param $ip i32) (param $vp i32) (param $n i32) (param $wp0 i32) (param $op i32) (param $ld i32) (param $acc i32)
    (local $wp i32) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $a4 v128) (local $a5 v128) (local $a6 v128) (local $a7 v128)
    (local.set $a0 (select (v128.load offset=0 (local.get $op)) (v128.const i32x4 0 0 0 0) (local.get $acc)))
    (local.set $a1 (select (v128.load offset=16 (local.get $op)) (v128.const i32x4 0 0 0 0) (local.get $acc)))
    (local.set $a2 (select (v128.load offset=32 (local.get $op)) (v128.const i32x4 0 0 0 0) (local.get $acc)))
    (local.set $a3 (select (v128.load offset=48 (local.get $op)) (v128.const i32x4 0 0 0 0) (local.get $acc)))
    (local.set $a4 (select (v128.load offset=64 (local.get $op)) (v128.const i32x4 0 0 0 0) (local.get $acc)))
    (local.set $a5 (select (v128.load offset=80 (local.get $op)) (v128.const i32x4 0 0 0 0) (local.get $acc)))
    (local.set $a6 (select (v128.load offset=96 (local.get $op)) (v128.const i32x4 0 0 0 0) (local.get $acc)))
    (local.set $a7 (select (v128.load offset=112 (local.get $op)) (v128.const i32x4 0 0 0 0) (local.get $acc)))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $wp (i32.add (local.get $wp0) (i32.mul (i32.load (local.get $ip)) (local.get $ld))))
        (local.set $a0 (f32x4.add (local.get $a0) (v128.load offset=0 (local.get $wp))))
        (local.set $a1 (f32x4.add (local.get $a1) (v128.load offset=16 (local.get $wp))))
        (local.set $a2 (f32x4.add (local.get $a2) (v128.load offset=32 (local.get $wp))))
        (local.set $a3 (f32x4.add (local.get $a3) (v128.load offset=48 (local.get $wp))))
        (local.set $a4 (f32x4.add (local.get $a4) (v128.load offset=64 (local.get $wp))))
        (local.set $a5 (f32x4.add (local.get $a5) (v128.load offset=80 (local.get $wp))))
        (local.set $a6 (f32x4.add (local.get $a6) (v128.load offset=96 (local.get $wp))))
        (local.set $a7 (f32x4.add (local.get $a7) (v128.load offset=112 (local.get $wp))))
        (local.set $ip (i32.add (local.get $ip) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (v128.store offset=0 (local.get $op) (local.get $a0))
    (v128.store offset=16 (local.get $op) (local.get $a1))
    (v128.store offset=32 (local.get $op) (local.get $a2))
    (v128.store offset=48 (local.get $op) (local.get $a3))
    (v128.store offset=64 (local.get $op) (local.get $a4))
    (v128.store offset=80 (local.get $op) (local.get $a5))
    (v128.store offset=96 (local.get $op) (local.get $a6))
    (v128.store offset=112 (local.get $op) (local.get $a7))
  )

  (func $rowsTileOnes4 (param $ip i32) (param $vp i32) (param $n i32) (param $wp0 i32) (param $op i32) (param $ld i32) (param $acc i32)
    (local $wp i32) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $a0 (select (v128.load offset=0 (local.get $op)) (v128.const i32x4 0 0 0 0) (local.get $acc)))
    (local.set $a1 (select (v128.load offset=16 (local.get $op)) (v128.const i32x4 0 0 0 0) (local.get $acc)))
    (local.set $a2 (select (v128.load offset=32 (local.get $op)) (v128.const i32x4 0 0 0 0) (local.get $acc)))
    (local.set $a3 (select (v128.load offset=48 (local.get $op)) (v128.const i32x4 0 0 0 0) (local.get $acc)))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $wp (i32.add (local.get $wp0) (i32.mul (i32.load (local.get $ip)) (local.get $ld))))
        (local.set $a0 (f32x4.add (local.get $a0) (v128.load offset=0 (local.get $wp))))
        (local.set $a1 (f32x4.add (local.get $a1) (v128.load offset=16 (local.get $wp))))
        (local.set $a2 (f32x4.add (local.get $a2) (v128.load offset=32 (local.get $wp))))
        (local.set $a3 (f32x4.add (local.get $a3) (v128.load offset=48 (local.get $wp))))
        (local.set $ip (i32.add (local.get $ip) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (v128.store offset=0 (local.get $op) (local.get $a0))
    (v128.store offset=16 (local.get $op) (local.get $a1))
    (v128.store offset=32 (local.get $op) (local.get $a2))
    (v128.store offset=48 (local.get $op) (local.get $a3))
  )

  (func $rowsTileOnes1 (param $ip i32) (param $vp i32) (param $n i32) (param $wp0 i32) (param $op i32) (param $ld i32) (param $acc i32)
    (local $wp i32) (local $a0 v128)
    (local.set $a0 (select (v128.load offset=0 (local.get $op)) (v128.const i32x4 0 0 0 0) (local.get $acc)))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $wp (i32.add (local.get $wp0) (i32.mul (i32.load (local.get $ip)) (local.get $ld))))
        (local.set $a0 (f32x4.add (local.get $a0) (v128.load offset=0 (local.get $wp))))
        (local.set $ip (i32.add (local.get $ip) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (v128.store offset=0 (local.get $op) (local.get $a0))
  )

  (func $outerTileOnes8 (param $ip i32) (param $vp i32) (param $n i32) (param $gp0 i32) (param $dp i32) (param $ld i32)
    (local $gp i32) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $a4 v128) (local $a5 v128) (local $a6 v128) (local $a7 v128)
    (local.set $a0 (v128.load offset=0 (local.get $dp)))
    (local.set $a1 (v128.load offset=16 (local.get $dp)))
    (local.set $a2 (v128.load offset=32 (local.get $dp)))
    (local.set $a3 (v128.load offset=48 (local.get $dp)))
    (local.set $a4 (v128.load offset=64 (local.get $dp)))
    (local.set $a5 (v128.load offset=80 (local.get $dp)))
    (local.set $a6 (v128.load offset=96 (local.get $dp)))
    (local.set $a7 (v128.load offset=112 (local.get $dp)))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $gp (i32.add (local.get $gp0) (i32.mul (i32.load (local.get $ip)) (local.get $ld))))
        (v128.store offset=0 (local.get $gp) (f32x4.add (v128.load offset=0 (local.get $gp)) (local.get $a0)))
        (v128.store offset=16 (local.get $gp) (f32x4.add (v128.load offset=16 (local.get $gp)) (local.get $a1)))
        (v128.store offset=32 (local.get $gp) (f32x4.add (v128.load offset=32 (local.get $gp)) (local.get $a2)))
        (v128.store offset=48 (local.get $gp) (f32x4.add (v128.load offset=48 (local.get $gp)) (local.get $a3)))
        (v128.store offset=64 (local.get $gp) (f32x4.add (v128.load offset=64 (local.get $gp)) (local.get $a4)))
        (v128.store offset=80 (local.get $gp) (f32x4.add (v128.load offset=80 (local.get $gp)) (local.get $a5)))
        (v128.store offset=96 (local.get $gp) (f32x4.add (v128.load offset=96 (local.get $gp)) (local.get $a6)))
        (v128.store offset=112 (local.get $gp) (f32x4.add (v128.load offset=112 (local.get $gp)) (local.get $a7)))
        (local.set $ip (i32.add (local.get $ip) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
  )

  (func $outerTileOnes4 (param $ip i32) (param $vp i32) (param $n i32) (param $gp0 i32) (param $dp i32) (param $ld i32)
    (local $gp i32) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $a0 (v128.load offset=0 (local.get $dp)))
    (local.set $a1 (v128.load offset=16 (local.get $dp)))
    (local.set $a2 (v128.load offset=32 (local.get $dp)))
    (local.set $a3 (v128.load offset=48 (local.get $dp)))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $gp (i32.add (local.get $gp0) (i32.mul (i32.load (local.get $ip)) (local.get $ld))))
        (v128.store offset=0 (local.get $gp) (f32x4.add (v128.load offset=0 (local.get $gp)) (local.get $a0)))
        (v128.store offset=16 (local.get $gp) (f32x4.add (v128.load offset=16 (local.get $gp)) (local.get $a1)))
        (v128.store offset=32 (local.get $gp) (f32x4.add (v128.load offset=32 (local.get $gp)) (local.get $a2)))
        (v128.store offset=48 (local.get $gp) (f32x4.add (v128.load offset=48 (local.get $gp)) (local.get $a3)))
        (local.set $ip (i32.add (local.get $ip) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
  )

  (func $outerTileOnes1 (param $ip i32) (param $vp i32) (param $n i32) (param $gp0 i32) (param $dp i32) (param $ld i32)
    (local $gp i32) (local $a0 v128)
    (local.set $a0 (v128.load offset=0 (local.get $dp)))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $gp (i32.add (local.get $gp0) (i32.mul (i32.load (local.get $ip)) (local.get $ld))))
        (v128.store offset=0 (local.get $gp) (f32x4.add (v128.load offset=0 (local.get $gp)) (local.get $a0)))
        (local.set $ip (i32.add (local.get $ip) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
  )
  ;; out[r, :] = Σ_k val[k]·W[idx[k], :] over row r's entries k in ptr[r] … ptr[r + 1] − 1 (out
  ;; overwritten), W [F × N] at $m, out [rows × N] at $o; each sum in input order, each product
  ;; rounded, then added (the engine's float32 order). With $ones set, every val is 1 (spikes) and
  ;; is not read.
  (func (export "sparseRows")
    (param $idx i32) (param $val i32) (param $ptr i32) (param $m i32) (param $o i32) (param $rows i32) (param $N i32) (param $ones i32) (param $acc i32)
    (local $ld i32) (local $col i32) (local $w i32) (local $r i32) (local $p0 i32) (local $p1 i32)
    (local.set $ld (i32.shl (local.get $N) (i32.const 2)))
    (local.set $col (i32.const 0))
    (block $doneC
      (loop $nextC
        (br_if $doneC (i32.ge_u (local.get $col) (local.get $ld)))
        ;; the tile's width in bytes: 128, 64 or 16
        (local.set $w (select (i32.const 128)
          (select (i32.const 64) (i32.const 16) (i32.le_u (i32.add (local.get $col) (i32.const 64)) (local.get $ld)))
          (i32.le_u (i32.add (local.get $col) (i32.const 128)) (local.get $ld))))
        (local.set $r (i32.const 0))
        (local.set $p1 (i32.load (local.get $ptr)))
        (block $doneR
          (loop $nextR
            (br_if $doneR (i32.ge_u (local.get $r) (local.get $rows)))
            (local.set $p0 (local.get $p1))
            (local.set $p1 (i32.load (i32.add (local.get $ptr) (i32.shl (i32.add (local.get $r) (i32.const 1)) (i32.const 2)))))
            (if (i32.eq (local.get $w) (i32.const 128))
              (then (if (local.get $ones) (then (call $rowsTileOnes8
                (i32.add (local.get $idx) (i32.shl (local.get $p0) (i32.const 2)))
                (i32.add (local.get $val) (i32.shl (local.get $p0) (i32.const 2)))
                (i32.sub (local.get $p1) (local.get $p0))
                (i32.add (local.get $m) (local.get $col))
                (i32.add (local.get $o) (i32.add (i32.mul (local.get $r) (local.get $ld)) (local.get $col)))
                (local.get $ld) (local.get $acc))) (else (call $rowsTile8
                (i32.add (local.get $idx) (i32.shl (local.get $p0) (i32.const 2)))
                (i32.add (local.get $val) (i32.shl (local.get $p0) (i32.const 2)))
                (i32.sub (local.get $p1) (local.get $p0))
                (i32.add (local.get $m) (local.get $col))
                (i32.add (local.get $o) (i32.add (i32.mul (local.get $r) (local.get $ld)) (local.get $col)))
                (local.get $ld) (local.get $acc)))))
              (else (if (i32.eq (local.get $w) (i32.const 64))
                (then (if (local.get $ones) (then (call $rowsTileOnes4
                (i32.add (local.get $idx) (i32.shl (local.get $p0) (i32.const 2)))
                (i32.add (local.get $val) (i32.shl (local.get $p0) (i32.const 2)))
                (i32.sub (local.get $p1) (local.get $p0))
                (i32.add (local.get $m) (local.get $col))
                (i32.add (local.get $o) (i32.add (i32.mul (local.get $r) (local.get $ld)) (local.get $col)))
                (local.get $ld) (local.get $acc))) (else (call $rowsTile4
                (i32.add (local.get $idx) (i32.shl (local.get $p0) (i32.const 2)))
                (i32.add (local.get $val) (i32.shl (local.get $p0) (i32.const 2)))
                (i32.sub (local.get $p1) (local.get $p0))
                (i32.add (local.get $m) (local.get $col))
                (i32.add (local.get $o) (i32.add (i32.mul (local.get $r) (local.get $ld)) (local.get $col)))
                (local.get $ld) (local.get $acc)))))
                (else (if (local.get $ones) (then (call $rowsTileOnes1
                (i32.add (local.get $idx) (i32.shl (local.get $p0) (i32.const 2)))
                (i32.add (local.get $val) (i32.shl (local.get $p0) (i32.const 2)))
                (i32.sub (local.get $p1) (local.get $p0))
                (i32.add (local.get $m) (local.get $col))
                (i32.add (local.get $o) (i32.add (i32.mul (local.get $r) (local.get $ld)) (local.get $col)))
                (local.get $ld) (local.get $acc))) (else (call $rowsTile1
                (i32.add (local.get $idx) (i32.shl (local.get $p0) (i32.const 2)))
                (i32.add (local.get $val) (i32.shl (local.get $p0) (i32.const 2)))
                (i32.sub (local.get $p1) (local.get $p0))
                (i32.add (local.get $m) (local.get $col))
                (i32.add (local.get $o) (i32.add (i32.mul (local.get $r) (local.get $ld)) (local.get $col)))
                (local.get $ld) (local.get $acc))))))))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $nextR)))
        (local.set $col (i32.add (local.get $col) (local.get $w)))
        (br $nextC)))
  )

  ;; gW[idx[k], :] += val[k]·dz[r, :] over row r's entries k, rows in order; dz [rows × N] at $o,
  ;; gW [F × N] at $m. With $ones set, every val is 1 (spikes) and is not read.
  (func (export "sparseOuter")
    (param $idx i32) (param $val i32) (param $ptr i32) (param $m i32) (param $o i32) (param $rows i32) (param $N i32) (param $ones i32)
    (local $ld i32) (local $col i32) (local $w i32) (local $r i32) (local $p0 i32) (local $p1 i32)
    (local.set $ld (i32.shl (local.get $N) (i32.const 2)))
    (local.set $col (i32.const 0))
    (block $doneC
      (loop $nextC
        (br_if $doneC (i32.ge_u (local.get $col) (local.get $ld)))
        ;; the tile's width in bytes: 128, 64 or 16
        (local.set $w (select (i32.const 128)
          (select (i32.const 64) (i32.const 16) (i32.le_u (i32.add (local.get $col) (i32.const 64)) (local.get $ld)))
          (i32.le_u (i32.add (local.get $col) (i32.const 128)) (local.get $ld))))
        (local.set $r (i32.const 0))
        (local.set $p1 (i32.load (local.get $ptr)))
        (block $doneR
          (loop $nextR
            (br_if $doneR (i32.ge_u (local.get $r) (local.get $rows)))
            (local.set $p0 (local.get $p1))
            (local.set $p1 (i32.load (i32.add (local.get $ptr) (i32.shl (i32.add (local.get $r) (i32.const 1)) (i32.const 2)))))
            (if (i32.eq (local.get $w) (i32.const 128))
              (then (if (local.get $ones) (then (call $outerTileOnes8
                (i32.add (local.get $idx) (i32.shl (local.get $p0) (i32.const 2)))
                (i32.add (local.get $val) (i32.shl (local.get $p0) (i32.const 2)))
                (i32.sub (local.get $p1) (local.get $p0))
                (i32.add (local.get $m) (local.get $col))
                (i32.add (local.get $o) (i32.add (i32.mul (local.get $r) (local.get $ld)) (local.get $col)))
                (local.get $ld))) (else (call $outerTile8
                (i32.add (local.get $idx) (i32.shl (local.get $p0) (i32.const 2)))
                (i32.add (local.get $val) (i32.shl (local.get $p0) (i32.const 2)))
                (i32.sub (local.get $p1) (local.get $p0))
                (i32.add (local.get $m) (local.get $col))
                (i32.add (local.get $o) (i32.add (i32.mul (local.get $r) (local.get $ld)) (local.get $col)))
                (local.get $ld)))))
              (else (if (i32.eq (local.get $w) (i32.const 64))
                (then (if (local.get $ones) (then (call $outerTileOnes4
                (i32.add (local.get $idx) (i32.shl (local.get $p0) (i32.const 2)))
                (i32.add (local.get $val) (i32.shl (local.get $p0) (i32.const 2)))
                (i32.sub (local.get $p1) (local.get $p0))
                (i32.add (local.get $m) (local.get $col))
                (i32.add (local.get $o) (i32.add (i32.mul (local.get $r) (local.get $ld)) (local.get $col)))
                (local.get $ld))) (else (call $outerTile4
                (i32.add (local.get $idx) (i32.shl (local.get $p0) (i32.const 2)))
                (i32.add (local.get $val) (i32.shl (local.get $p0) (i32.const 2)))
                (i32.sub (local.get $p1) (local.get $p0))
                (i32.add (local.get $m) (local.get $col))
                (i32.add (local.get $o) (i32.add (i32.mul (local.get $r) (local.get $ld)) (local.get $col)))
                (local.get $ld)))))
                (else (if (local.get $ones) (then (call $outerTileOnes1
                (i32.add (local.get $idx) (i32.shl (local.get $p0) (i32.const 2)))
                (i32.add (local.get $val) (i32.shl (local.get $p0) (i32.const 2)))
                (i32.sub (local.get $p1) (local.get $p0))
                (i32.add (local.get $m) (local.get $col))
                (i32.add (local.get $o) (i32.add (i32.mul (local.get $r) (local.get $ld)) (local.get $col)))
                (local.get $ld))) (else (call $outerTile1
                (i32.add (local.get $idx) (i32.shl (local.get $p0) (i32.const 2)))
                (i32.add (local.get $val) (i32.shl (local.get $p0) (i32.const 2)))
                (i32.sub (local.get $p1) (local.get $p0))
                (i32.add (local.get $m) (local.get $col))
                (i32.add (local.get $o) (i32.add (i32.mul (local.get $r) (local.get $ld)) (local.get $col)))
                (local.get $ld))))))))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $nextR)))
        (local.set $col (i32.add (local.get $col) (local.get $w)))
        (br $nextC)))
  )

  ;; C[r, :] (+)= Σ_c A[r, c]·Bt[c, :] for a small inner dimension k (added to C when $acc is set):
  ;; A [rows × k], Bt [k × N] (W transposed, N a multiple of 4), C [rows × N]. Two rows at a time
  ;; share each load of Bt; sixteen columns per pass, then four; an odd last row alone.
  (func $smallKRows
    (param $a i32) (param $bt i32) (param $c i32) (param $two i32) (param $k i32) (param $N i32) (param $M v128)
    (local $ld i32) (local $col i32) (local $q i32) (local $p i32) (local $bp i32) (local $cp i32) (local $lda i32)
    (local $S v128) (local $R v128) (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $e0 v128) (local $e1 v128) (local $e2 v128) (local $e3 v128)
    (local.set $ld (i32.shl (local.get $N) (i32.const 2)))
    (local.set $lda (i32.shl (local.get $k) (i32.const 2)))
    (local.set $cp (local.get $c))
    (block $doneC
      (loop $nextC
        (br_if $doneC (i32.ge_u (local.get $col) (local.get $ld)))
        (if (i32.le_u (i32.add (local.get $col) (i32.const 64)) (local.get $ld))
          (then
            (local.set $a0 (v128.and (v128.load offset=0 (local.get $cp)) (local.get $M)))
            (local.set $a1 (v128.and (v128.load offset=16 (local.get $cp)) (local.get $M)))
            (local.set $a2 (v128.and (v128.load offset=32 (local.get $cp)) (local.get $M)))
            (local.set $a3 (v128.and (v128.load offset=48 (local.get $cp)) (local.get $M)))
            (if (local.get $two)
              (then
                (local.set $e0 (v128.and (v128.load offset=0 (i32.add (local.get $cp) (local.get $ld))) (local.get $M)))
                (local.set $e1 (v128.and (v128.load offset=16 (i32.add (local.get $cp) (local.get $ld))) (local.get $M)))
                (local.set $e2 (v128.and (v128.load offset=32 (i32.add (local.get $cp) (local.get $ld))) (local.get $M)))
                (local.set $e3 (v128.and (v128.load offset=48 (i32.add (local.get $cp) (local.get $ld))) (local.get $M)))))
            (local.set $bp (i32.add (local.get $bt) (local.get $col)))
            (local.set $q (local.get $a))
            (local.set $p (local.get $k))
            (block $doneP
              (loop $nextP
                (br_if $doneP (i32.eqz (local.get $p)))
                (local.set $b0 (v128.load offset=0 (local.get $bp)))
                (local.set $b1 (v128.load offset=16 (local.get $bp)))
                (local.set $b2 (v128.load offset=32 (local.get $bp)))
                (local.set $b3 (v128.load offset=48 (local.get $bp)))
                (local.set $S (f32x4.splat (f32.load (local.get $q))))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $S) (local.get $b0))))
                (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $S) (local.get $b1))))
                (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $S) (local.get $b2))))
                (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $S) (local.get $b3))))
                (if (local.get $two)
                  (then
                    (local.set $R (f32x4.splat (f32.load (i32.add (local.get $q) (local.get $lda)))))
                    (local.set $e0 (f32x4.add (local.get $e0) (f32x4.mul (local.get $R) (local.get $b0))))
                    (local.set $e1 (f32x4.add (local.get $e1) (f32x4.mul (local.get $R) (local.get $b1))))
                    (local.set $e2 (f32x4.add (local.get $e2) (f32x4.mul (local.get $R) (local.get $b2))))
                    (local.set $e3 (f32x4.add (local.get $e3) (f32x4.mul (local.get $R) (local.get $b3))))))
                (local.set $bp (i32.add (local.get $bp) (local.get $ld)))
                (local.set $q (i32.add (local.get $q) (i32.const 4)))
                (local.set $p (i32.sub (local.get $p) (i32.const 1)))
                (br $nextP)))
            (v128.store offset=0 (local.get $cp) (local.get $a0))
            (v128.store offset=16 (local.get $cp) (local.get $a1))
            (v128.store offset=32 (local.get $cp) (local.get $a2))
            (v128.store offset=48 (local.get $cp) (local.get $a3))
            (if (local.get $two)
              (then
                (v128.store offset=0 (i32.add (local.get $cp) (local.get $ld)) (local.get $e0))
                (v128.store offset=16 (i32.add (local.get $cp) (local.get $ld)) (local.get $e1))
                (v128.store offset=32 (i32.add (local.get $cp) (local.get $ld)) (local.get $e2))
                (v128.store offset=48 (i32.add (local.get $cp) (local.get $ld)) (local.get $e3))))
            (local.set $cp (i32.add (local.get $cp) (i32.const 64)))
            (local.set $col (i32.add (local.get $col) (i32.const 64))))
          (else
            (local.set $a0 (v128.and (v128.load (local.get $cp)) (local.get $M)))
            (if (local.get $two)
              (then (local.set $e0 (v128.and (v128.load (i32.add (local.get $cp) (local.get $ld))) (local.get $M)))))
            (local.set $bp (i32.add (local.get $bt) (local.get $col)))
            (local.set $q (local.get $a))
            (local.set $p (local.get $k))
            (block $doneP
              (loop $nextP
                (br_if $doneP (i32.eqz (local.get $p)))
                (local.set $b0 (v128.load (local.get $bp)))
                (local.set $a0 (f32x4.add (local.get $a0)
                  (f32x4.mul (f32x4.splat (f32.load (local.get $q))) (local.get $b0))))
                (if (local.get $two)
                  (then (local.set $e0 (f32x4.add (local.get $e0)
                    (f32x4.mul (f32x4.splat (f32.load (i32.add (local.get $q) (local.get $lda)))) (local.get $b0))))))
                (local.set $bp (i32.add (local.get $bp) (local.get $ld)))
                (local.set $q (i32.add (local.get $q) (i32.const 4)))
                (local.set $p (i32.sub (local.get $p) (i32.const 1)))
                (br $nextP)))
            (v128.store (local.get $cp) (local.get $a0))
            (if (local.get $two) (then (v128.store (i32.add (local.get $cp) (local.get $ld)) (local.get $e0))))
            (local.set $cp (i32.add (local.get $cp) (i32.const 16)))
            (local.set $col (i32.add (local.get $col) (i32.const 16)))))
        (br $nextC)))
  )

  (func (export "denseSmallK")
    (param $a i32) (param $bt i32) (param $c i32) (param $rows i32) (param $k i32) (param $N i32) (param $acc i32)
    (local $r i32) (local $M v128)
    ;; C's old values count only when accumulating (else C is uninitialised: masked to +0)
    (local.set $M (i32x4.splat (i32.sub (i32.const 0) (i32.ne (local.get $acc) (i32.const 0)))))
    (block $doneR
      (loop $nextR
        (br_if $doneR (i32.ge_u (local.get $r) (local.get $rows)))
        (call $smallKRows
          (i32.add (local.get $a) (i32.shl (i32.mul (local.get $r) (local.get $k)) (i32.const 2)))
          (local.get $bt)
          (i32.add (local.get $c) (i32.shl (i32.mul (local.get $r) (local.get $N)) (i32.const 2)))
          (i32.lt_u (i32.add (local.get $r) (i32.const 1)) (local.get $rows))
          (local.get $k) (local.get $N) (local.get $M))
        (local.set $r (i32.add (local.get $r) (i32.const 2)))
        (br $nextR)))
  )

)
