;; A layer of discrete leaky neurons over T ticks, forward and backward
;; through time, four neurons per f32x4 lane group. The forward pass is
;; neuron-op.ts's float32 path operation for operation (f32 mul, then f32
;; add, each rounded: WebAssembly has no fused multiply-add), so spikes and
;; membranes are bit-identical to it and to the engine. The backward pass
;; computes in f32 what neuron-op.ts computes in f64 (the tests compare
;; them within float32 rounding).
;;
;; Layout: n = B·N values per tick (a multiple of 4), rows of tick t at
;; t·n. `static` inputs hold one tick, used in every tick.
;; Flags: cuba (synaptic current), subtract (reset by subtraction, else to
;; 0), emit (1: the output is the spikes, 0: the membrane after reset).
;; theta = +inf makes a non-spiking leaky integrator.
;; Surrogate: kind 0 fast sigmoid 1/(k|x| + 1)², kind 1 ATan (α/2)/(1 + (πα x/2)²).
(module
  (import "env" "memory" (memory 1))

  (func (export "forward")
    (param $inp i32) (param $static i32) (param $u i32) (param $out i32)
    (param $v i32) (param $syn i32) (param $T i32) (param $n i32)
    (param $beta f32) (param $alpha f32) (param $theta f32)
    (param $cuba i32) (param $subtract i32) (param $emit i32)
    (local $t i32) (local $k i32) (local $o i32) (local $io i32)
    (local $B v128) (local $A v128) (local $TH v128) (local $ONE v128)
    (local $x v128) (local $i v128) (local $uk v128) (local $m v128) (local $vr v128) (local $vk v128)
    (local.set $B (f32x4.splat (local.get $beta)))
    (local.set $A (f32x4.splat (local.get $alpha)))
    (local.set $TH (f32x4.splat (local.get $theta)))
    (local.set $ONE (f32x4.splat (f32.const 1)))
    (local.set $t (i32.const 0))
    (block $doneT
      (loop $nextT
        (br_if $doneT (i32.ge_u (local.get $t) (local.get $T)))
        (local.set $o (i32.shl (i32.mul (local.get $t) (local.get $n)) (i32.const 2)))
        (local.set $io (select (i32.const 0) (local.get $o) (local.get $static)))
        (local.set $k (i32.const 0))
        (block $doneK
          (loop $nextK
            (br_if $doneK (i32.ge_u (local.get $k) (i32.shl (local.get $n) (i32.const 2))))
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
            (v128.store (i32.add (local.get $u) (i32.add (local.get $o) (local.get $k))) (local.get $uk))
            (local.set $m (f32x4.gt (local.get $uk) (local.get $TH)))
            (local.set $vr (select (f32x4.sub (local.get $uk) (local.get $TH)) (v128.const i32x4 0 0 0 0)
              (local.get $subtract)))
            (local.set $vk (v128.bitselect (local.get $vr) (local.get $uk) (local.get $m)))
            (v128.store (i32.add (local.get $v) (local.get $k)) (local.get $vk))
            (v128.store (i32.add (local.get $out) (i32.add (local.get $o) (local.get $k)))
              (select (v128.and (local.get $m) (local.get $ONE)) (local.get $vk) (local.get $emit)))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (br $nextK)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $nextT)))
  )

  ;; gx (accumulated), gv, gi, grads from dy; u the saved pre-reset membrane.
  (func (export "backward")
    (param $dy i32) (param $u i32) (param $gx i32) (param $static i32)
    (param $gv i32) (param $gi i32) (param $T i32) (param $n i32)
    (param $beta f32) (param $alpha f32) (param $theta f32)
    (param $cuba i32) (param $subtract i32) (param $emit i32) (param $spiking i32)
    (param $kind i32) (param $scale f32)
    (local $t i32) (local $k i32) (local $o i32) (local $go i32)
    (local $B v128) (local $A v128) (local $TH v128) (local $ONE v128) (local $K v128) (local $H v128)
    (local $d v128) (local $gs v128) (local $gvt v128) (local $du v128) (local $uk v128) (local $z v128)
    (local $sg v128) (local $dd v128)
    (local.set $B (f32x4.splat (local.get $beta)))
    (local.set $A (f32x4.splat (local.get $alpha)))
    (local.set $TH (f32x4.splat (local.get $theta)))
    (local.set $ONE (f32x4.splat (f32.const 1)))
    ;; fast sigmoid: k; ATan: π α/2 and α/2
    (local.set $K (f32x4.splat (select
      (f32.mul (f32.const 1.5707963267948966) (local.get $scale))
      (local.get $scale) (local.get $kind))))
    (local.set $H (f32x4.splat (f32.mul (f32.const 0.5) (local.get $scale))))
    (local.set $t (local.get $T))
    (block $doneT
      (loop $nextT
        (br_if $doneT (i32.eqz (local.get $t)))
        (local.set $t (i32.sub (local.get $t) (i32.const 1)))
        (local.set $o (i32.shl (i32.mul (local.get $t) (local.get $n)) (i32.const 2)))
        (local.set $go (select (i32.const 0) (local.get $o) (local.get $static)))
        (local.set $k (i32.const 0))
        (block $doneK
          (loop $nextK
            (br_if $doneK (i32.ge_u (local.get $k) (i32.shl (local.get $n) (i32.const 2))))
            (local.set $d (v128.load (i32.add (local.get $dy) (i32.add (local.get $o) (local.get $k)))))
            (local.set $gvt (v128.load (i32.add (local.get $gv) (local.get $k))))
            (if (local.get $emit)
              (then (local.set $gs (local.get $d)))
              (else
                (local.set $gs (v128.const i32x4 0 0 0 0))
                (local.set $gvt (f32x4.add (local.get $gvt) (local.get $d)))))
            (local.set $uk (v128.load (i32.add (local.get $u) (i32.add (local.get $o) (local.get $k)))))
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
            (v128.store (i32.add (local.get $gx) (i32.add (local.get $go) (local.get $k)))
              (f32x4.add (v128.load (i32.add (local.get $gx) (i32.add (local.get $go) (local.get $k)))) (local.get $dd)))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (br $nextK)))
        (br $nextT)))
  )

  ;; out[r, :] += Σ_{j: s[r, j] ≠ 0} s[r, j]·W[j, :] for rows r, in input order j; N a multiple of 4
  ;; (W and out padded). Binary spikes add W's rows unscaled (s·w = w exactly).
  (func (export "spikeRows")
    (param $s i32) (param $w i32) (param $out i32) (param $rows i32) (param $F i32) (param $N i32)
    (local $r i32) (local $j i32) (local $c i32) (local $sj f32) (local $wo i32) (local $oo i32) (local $S v128)
    (local.set $r (i32.const 0))
    (block $doneR
      (loop $nextR
        (br_if $doneR (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $oo (i32.add (local.get $out) (i32.shl (i32.mul (local.get $r) (local.get $N)) (i32.const 2))))
        (local.set $j (i32.const 0))
        (block $doneJ
          (loop $nextJ
            (br_if $doneJ (i32.ge_u (local.get $j) (local.get $F)))
            (local.set $sj (f32.load (i32.add (local.get $s)
              (i32.shl (i32.add (i32.mul (local.get $r) (local.get $F)) (local.get $j)) (i32.const 2)))))
            (if (f32.ne (local.get $sj) (f32.const 0))
              (then
                (local.set $S (f32x4.splat (local.get $sj)))
                (local.set $wo (i32.add (local.get $w) (i32.shl (i32.mul (local.get $j) (local.get $N)) (i32.const 2))))
                (local.set $c (i32.const 0))
                (block $doneC
                  (loop $nextC
                    (br_if $doneC (i32.ge_u (local.get $c) (i32.shl (local.get $N) (i32.const 2))))
                    (v128.store (i32.add (local.get $oo) (local.get $c))
                      (f32x4.add (v128.load (i32.add (local.get $oo) (local.get $c)))
                        (select (v128.load (i32.add (local.get $wo) (local.get $c)))
                          (f32x4.mul (local.get $S) (v128.load (i32.add (local.get $wo) (local.get $c))))
                          (f32.eq (local.get $sj) (f32.const 1)))))
                    (local.set $c (i32.add (local.get $c) (i32.const 16)))
                    (br $nextC)))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $nextJ)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $nextR)))
  )

  ;; gW[j, :] += Σ_r s[r, j]·dz[r, :] over rows r with s[r, j] ≠ 0; N a multiple of 4 (padded).
  (func (export "spikeOuter")
    (param $s i32) (param $dz i32) (param $gw i32) (param $rows i32) (param $F i32) (param $N i32)
    (local $r i32) (local $j i32) (local $c i32) (local $sj f32) (local $go i32) (local $zo i32) (local $S v128)
    (local.set $r (i32.const 0))
    (block $doneR
      (loop $nextR
        (br_if $doneR (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $zo (i32.add (local.get $dz) (i32.shl (i32.mul (local.get $r) (local.get $N)) (i32.const 2))))
        (local.set $j (i32.const 0))
        (block $doneJ
          (loop $nextJ
            (br_if $doneJ (i32.ge_u (local.get $j) (local.get $F)))
            (local.set $sj (f32.load (i32.add (local.get $s)
              (i32.shl (i32.add (i32.mul (local.get $r) (local.get $F)) (local.get $j)) (i32.const 2)))))
            (if (f32.ne (local.get $sj) (f32.const 0))
              (then
                (local.set $S (f32x4.splat (local.get $sj)))
                (local.set $go (i32.add (local.get $gw) (i32.shl (i32.mul (local.get $j) (local.get $N)) (i32.const 2))))
                (local.set $c (i32.const 0))
                (block $doneC
                  (loop $nextC
                    (br_if $doneC (i32.ge_u (local.get $c) (i32.shl (local.get $N) (i32.const 2))))
                    (v128.store (i32.add (local.get $go) (local.get $c))
                      (f32x4.add (v128.load (i32.add (local.get $go) (local.get $c)))
                        (f32x4.mul (local.get $S) (v128.load (i32.add (local.get $zo) (local.get $c))))))
                    (local.set $c (i32.add (local.get $c) (i32.const 16)))
                    (br $nextC)))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $nextJ)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $nextR)))
  )
)
