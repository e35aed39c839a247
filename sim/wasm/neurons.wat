;; Neuron update kernels: one tick of a whole population, four neurons per
;; step in f32x4 lanes. Each performs exactly the float32 operations of its
;; TypeScript kernel (sim/neurons/*.ts), in the same order, so both give
;; bit-identical state and spikes; the TypeScript kernels are the oracle.
;;
;; Addressing. A population's state arrays are found from one base address
;; $p by constant offsets, and its two input slots from $q (the excitatory
;; slot of this tick) by a constant offset: x64 then addresses every array
;; as [base + register + constant], with two pointer registers in the loop
;; instead of seven: fewer address computations, no spills. The offsets
;; differ per population, so this module is a template: the memarg offsets
;; below written 0x3f0000X0 are placeholders, encoded by
;; the assembler as 5-byte LEB128 numbers, that sim/wasm/specialise.ts
;; overwrites with the population's real offsets (padded LEB128, same
;; length) before compiling one module per layout:
;;   0x3f000000 v   0x3f000010 iE   0x3f000020 iI   0x3f000030 refractory
;;   0x3f000040 iOffset (all from $p)   0x3f000050 the inhibitory slot (from $q)
;;
;; Every state array and ring-buffer slot starts on a 16-byte boundary and is
;; padded to whole vectors (sim/engine/arena.ts, runtime.ts), so the loops run
;; over ceil(n/4) vectors; the padding lanes compute garbage that is never
;; read, and their spikes are dropped by $emit. Constants are float32 (the
;; refractory period an i32) at $c, in the order of the model's constants.
;;
;; Refractoriness without branches: r > 0 gives an all-ones lane mask, which
;; as an integer is −1, so r + mask counts down only refractory lanes; a lane
;; that spikes was not refractory (r = 0), so or-ing in the period sets it.
(module
  (import "env" "memory" (memory 1))

  ;; Appends the ids of the lanes set in $bits (a lane bitmask of neurons $first .. $first+3,
  ;; in increasing order) below $limit to the spike list; returns the count.
  (func $emit (param $bits i32) (param $first i32) (param $limit i32)
              (param $spikes i32) (param $count i32) (result i32)
    (local $id i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $bits)))
        (local.set $id (i32.add (local.get $first) (i32.ctz (local.get $bits))))
        (br_if $done (i32.ge_u (local.get $id) (local.get $limit)))
        (i32.store (i32.add (local.get $spikes) (i32.shl (local.get $count) (i32.const 2)))
                   (local.get $id))
        (local.set $count (i32.add (local.get $count) (i32.const 1)))
        (local.set $bits (i32.and (local.get $bits) (i32.sub (local.get $bits) (i32.const 1))))
        (br $next)))
    (local.get $count))

  ;; Bytes spanned by ceil(n/4) vectors.
  (func $vectorBytes (param $n i32) (result i32)
    (i32.shl (i32.and (i32.add (local.get $n) (i32.const 3)) (i32.const -4)) (i32.const 2)))

  ;; IF_curr_exp. Constants: d22 p21e p21i p20 d11e d11i theta reset refTicks.
  ;;   v  ← ((v − d22·v) + p21e·iE) + p21i·iI  [+ p20·iOffset when $withOffset]
  ;;   iX ← (iX − d11X·iX) + inX, and the input slot is cleared
  ;;   refractory: v ← reset, count down; else v ≥ theta: spike, v ← reset
  (func (export "if_curr_exp")
    (param $p i32) (param $q i32) (param $n i32) (param $spikes i32) (param $count i32)
    (param $firstId i32) (param $c i32) (param $withOffset i32) (result i32)
    (local $d22 v128) (local $p21e v128) (local $p21i v128) (local $p20 v128)
    (local $d11e v128) (local $d11i v128) (local $theta v128) (local $reset v128)
    (local $refTicks v128)
    (local $o i32) (local $end i32) (local $limit i32)
    (local $x v128) (local $e v128) (local $i v128) (local $r v128)
    (local $refr v128) (local $spk v128) (local $bits i32)
    (local.set $d22 (v128.load32_splat (local.get $c)))
    (local.set $p21e (v128.load32_splat offset=4 (local.get $c)))
    (local.set $p21i (v128.load32_splat offset=8 (local.get $c)))
    (local.set $p20 (v128.load32_splat offset=12 (local.get $c)))
    (local.set $d11e (v128.load32_splat offset=16 (local.get $c)))
    (local.set $d11i (v128.load32_splat offset=20 (local.get $c)))
    (local.set $theta (v128.load32_splat offset=24 (local.get $c)))
    (local.set $reset (v128.load32_splat offset=28 (local.get $c)))
    (local.set $refTicks (v128.load32_splat offset=32 (local.get $c)))
    (local.set $end (call $vectorBytes (local.get $n)))
    (local.set $limit (i32.add (local.get $firstId) (local.get $n)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $x (v128.load offset=0x3f000000 (local.get $p)))
        (local.set $e (v128.load offset=0x3f000010 (local.get $p)))
        (local.set $i (v128.load offset=0x3f000020 (local.get $p)))
        (local.set $r (v128.load offset=0x3f000030 (local.get $p)))
        (local.set $x
          (f32x4.add
            (f32x4.add
              (f32x4.sub (local.get $x) (f32x4.mul (local.get $d22) (local.get $x)))
              (f32x4.mul (local.get $p21e) (local.get $e)))
            (f32x4.mul (local.get $p21i) (local.get $i))))
        (if (local.get $withOffset)
          (then
            (local.set $x
              (f32x4.add (local.get $x)
                (f32x4.mul (local.get $p20) (v128.load offset=0x3f000040 (local.get $p)))))))
        (v128.store offset=0x3f000010 (local.get $p)
          (f32x4.add
            (f32x4.sub (local.get $e) (f32x4.mul (local.get $d11e) (local.get $e)))
            (v128.load (local.get $q))))
        (v128.store offset=0x3f000020 (local.get $p)
          (f32x4.add
            (f32x4.sub (local.get $i) (f32x4.mul (local.get $d11i) (local.get $i)))
            (v128.load offset=0x3f000050 (local.get $q))))
        (v128.store (local.get $q) (v128.const i64x2 0 0))
        (v128.store offset=0x3f000050 (local.get $q) (v128.const i64x2 0 0))
        (local.set $refr (i32x4.gt_s (local.get $r) (v128.const i64x2 0 0)))
        (local.set $spk
          (v128.andnot (f32x4.ge (local.get $x) (local.get $theta)) (local.get $refr)))
        (v128.store offset=0x3f000030 (local.get $p)
          (v128.or (i32x4.add (local.get $r) (local.get $refr))
                   (v128.and (local.get $spk) (local.get $refTicks))))
        (v128.store offset=0x3f000000 (local.get $p)
          (v128.bitselect (local.get $reset) (local.get $x)
                          (v128.or (local.get $refr) (local.get $spk))))
        (local.set $bits (i32x4.bitmask (local.get $spk)))
        (if (local.get $bits)
          (then
            (local.set $count
              (call $emit (local.get $bits)
                (i32.add (local.get $firstId) (i32.shr_u (local.get $o) (i32.const 2)))
                (local.get $limit) (local.get $spikes) (local.get $count)))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $next)))
    (local.get $count))

  ;; IF_curr_exp with direct input (sim/engine/runtime.ts): no input slots,
  ;; iX ← iX − d11X·iX; the engine adds the input to iE, iI afterwards. A
  ;; third less memory traffic than the kernel above (no input slots to load
  ;; and clear: 8 vector loads and stores per four neurons instead of 12,
  ;; 9 instead of 13 with an offset current).
  (func (export "if_curr_exp_direct")
    (param $p i32) (param $n i32) (param $spikes i32) (param $count i32)
    (param $firstId i32) (param $c i32) (param $withOffset i32) (result i32)
    (local $d22 v128) (local $p21e v128) (local $p21i v128) (local $p20 v128)
    (local $d11e v128) (local $d11i v128) (local $theta v128) (local $reset v128)
    (local $refTicks v128)
    (local $o i32) (local $end i32) (local $limit i32)
    (local $x v128) (local $e v128) (local $i v128) (local $r v128)
    (local $refr v128) (local $spk v128) (local $bits i32)
    (local.set $d22 (v128.load32_splat (local.get $c)))
    (local.set $p21e (v128.load32_splat offset=4 (local.get $c)))
    (local.set $p21i (v128.load32_splat offset=8 (local.get $c)))
    (local.set $p20 (v128.load32_splat offset=12 (local.get $c)))
    (local.set $d11e (v128.load32_splat offset=16 (local.get $c)))
    (local.set $d11i (v128.load32_splat offset=20 (local.get $c)))
    (local.set $theta (v128.load32_splat offset=24 (local.get $c)))
    (local.set $reset (v128.load32_splat offset=28 (local.get $c)))
    (local.set $refTicks (v128.load32_splat offset=32 (local.get $c)))
    (local.set $end (call $vectorBytes (local.get $n)))
    (local.set $limit (i32.add (local.get $firstId) (local.get $n)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $x (v128.load offset=0x3f000000 (local.get $p)))
        (local.set $e (v128.load offset=0x3f000010 (local.get $p)))
        (local.set $i (v128.load offset=0x3f000020 (local.get $p)))
        (local.set $r (v128.load offset=0x3f000030 (local.get $p)))
        (local.set $x
          (f32x4.add
            (f32x4.add
              (f32x4.sub (local.get $x) (f32x4.mul (local.get $d22) (local.get $x)))
              (f32x4.mul (local.get $p21e) (local.get $e)))
            (f32x4.mul (local.get $p21i) (local.get $i))))
        (if (local.get $withOffset)
          (then
            (local.set $x
              (f32x4.add (local.get $x)
                (f32x4.mul (local.get $p20) (v128.load offset=0x3f000040 (local.get $p)))))))
        (v128.store offset=0x3f000010 (local.get $p)
          (f32x4.sub (local.get $e) (f32x4.mul (local.get $d11e) (local.get $e))))
        (v128.store offset=0x3f000020 (local.get $p)
          (f32x4.sub (local.get $i) (f32x4.mul (local.get $d11i) (local.get $i))))
        (local.set $refr (i32x4.gt_s (local.get $r) (v128.const i64x2 0 0)))
        (local.set $spk
          (v128.andnot (f32x4.ge (local.get $x) (local.get $theta)) (local.get $refr)))
        (v128.store offset=0x3f000030 (local.get $p)
          (v128.or (i32x4.add (local.get $r) (local.get $refr))
                   (v128.and (local.get $spk) (local.get $refTicks))))
        (v128.store offset=0x3f000000 (local.get $p)
          (v128.bitselect (local.get $reset) (local.get $x)
                          (v128.or (local.get $refr) (local.get $spk))))
        (local.set $bits (i32x4.bitmask (local.get $spk)))
        (if (local.get $bits)
          (then
            (local.set $count
              (call $emit (local.get $bits)
                (i32.add (local.get $firstId) (i32.shr_u (local.get $o) (i32.const 2)))
                (local.get $limit) (local.get $spikes) (local.get $count)))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $next)))
    (local.get $count))


  ;; IF_curr_delta. Constants: d22 p20 theta reset refTicks.
  ;;   refractory: v kept, input discarded, count down
  ;;   else v ← ((v − d22·v) + p20·iOffset) + in; v ≥ theta: spike, v ← reset
  (func (export "if_curr_delta")
    (param $p i32) (param $q i32) (param $n i32)
    (param $spikes i32) (param $count i32) (param $firstId i32) (param $c i32) (result i32)
    (local $d22 v128) (local $p20 v128) (local $theta v128) (local $reset v128)
    (local $refTicks v128)
    (local $o i32) (local $end i32) (local $limit i32)
    (local $x v128) (local $y v128) (local $r v128) (local $refr v128) (local $spk v128) (local $bits i32)
    (local.set $d22 (v128.load32_splat (local.get $c)))
    (local.set $p20 (v128.load32_splat offset=4 (local.get $c)))
    (local.set $theta (v128.load32_splat offset=8 (local.get $c)))
    (local.set $reset (v128.load32_splat offset=12 (local.get $c)))
    (local.set $refTicks (v128.load32_splat offset=16 (local.get $c)))
    (local.set $end (call $vectorBytes (local.get $n)))
    (local.set $limit (i32.add (local.get $firstId) (local.get $n)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $x (v128.load offset=0x3f000000 (local.get $p)))
        (local.set $r (v128.load offset=0x3f000030 (local.get $p)))
        (local.set $y
          (f32x4.add
            (f32x4.add
              (f32x4.sub (local.get $x) (f32x4.mul (local.get $d22) (local.get $x)))
              (f32x4.mul (local.get $p20) (v128.load offset=0x3f000040 (local.get $p))))
            (v128.load (local.get $q))))
        (v128.store (local.get $q) (v128.const i64x2 0 0))
        (local.set $refr (i32x4.gt_s (local.get $r) (v128.const i64x2 0 0)))
        (local.set $spk
          (v128.andnot (f32x4.ge (local.get $y) (local.get $theta)) (local.get $refr)))
        (v128.store offset=0x3f000030 (local.get $p)
          (v128.or (i32x4.add (local.get $r) (local.get $refr))
                   (v128.and (local.get $spk) (local.get $refTicks))))
        (v128.store offset=0x3f000000 (local.get $p)
          (v128.bitselect (local.get $reset)
            (v128.bitselect (local.get $x) (local.get $y) (local.get $refr))
            (local.get $spk)))
        (local.set $bits (i32x4.bitmask (local.get $spk)))
        (if (local.get $bits)
          (then
            (local.set $count
              (call $emit (local.get $bits)
                (i32.add (local.get $firstId) (i32.shr_u (local.get $o) (i32.const 2)))
                (local.get $limit) (local.get $spikes) (local.get $count)))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $next)))
    (local.get $count))

  ;; IF_nonleaky. Constants: hOverCm theta step refTicks.
  ;;   refractory: v kept, input discarded, count down
  ;;   else v ← (v + hOverCm·iOffset) + in; v ≥ theta: spike, v ← v − step
  (func (export "if_nonleaky")
    (param $p i32) (param $q i32) (param $n i32)
    (param $spikes i32) (param $count i32) (param $firstId i32) (param $c i32) (result i32)
    (local $hOverCm v128) (local $theta v128) (local $step v128) (local $refTicks v128)
    (local $o i32) (local $end i32) (local $limit i32)
    (local $x v128) (local $y v128) (local $r v128) (local $refr v128) (local $spk v128) (local $bits i32)
    (local.set $hOverCm (v128.load32_splat (local.get $c)))
    (local.set $theta (v128.load32_splat offset=4 (local.get $c)))
    (local.set $step (v128.load32_splat offset=8 (local.get $c)))
    (local.set $refTicks (v128.load32_splat offset=12 (local.get $c)))
    (local.set $end (call $vectorBytes (local.get $n)))
    (local.set $limit (i32.add (local.get $firstId) (local.get $n)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $x (v128.load offset=0x3f000000 (local.get $p)))
        (local.set $r (v128.load offset=0x3f000030 (local.get $p)))
        (local.set $y
          (f32x4.add
            (f32x4.add (local.get $x)
              (f32x4.mul (local.get $hOverCm)
                (v128.load offset=0x3f000040 (local.get $p))))
            (v128.load (local.get $q))))
        (v128.store (local.get $q) (v128.const i64x2 0 0))
        (local.set $refr (i32x4.gt_s (local.get $r) (v128.const i64x2 0 0)))
        (local.set $spk
          (v128.andnot (f32x4.ge (local.get $y) (local.get $theta)) (local.get $refr)))
        (v128.store offset=0x3f000030 (local.get $p)
          (v128.or (i32x4.add (local.get $r) (local.get $refr))
                   (v128.and (local.get $spk) (local.get $refTicks))))
        (v128.store offset=0x3f000000 (local.get $p)
          (v128.bitselect (local.get $x)
            (v128.bitselect (f32x4.sub (local.get $y) (local.get $step)) (local.get $y)
                            (local.get $spk))
            (local.get $refr)))
        (local.set $bits (i32x4.bitmask (local.get $spk)))
        (if (local.get $bits)
          (then
            (local.set $count
              (call $emit (local.get $bits)
                (i32.add (local.get $firstId) (i32.shr_u (local.get $o) (i32.const 2)))
                (local.get $limit) (local.get $spikes) (local.get $count)))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $next)))
    (local.get $count))

  ;; TrueNorth, deterministic neurons (no stochastic synapse, leak or
  ;; threshold), in i32x4 lanes; the oracle is stepTrueNorth
  ;; (sim/neurons/truenorth/dynamics.ts). Every quantity there is an integer
  ;; computed in doubles, so integer arithmetic here gives the same values as
  ;; long as the input sum stays within ±2^31 (8 million events per neuron and
  ;; tick, over its four channels, at the largest weight, |s| = 256). It
  ;; addresses its arrays directly, not through the template's placeholders:
  ;;   $v  membrane (i32, one per neuron)   $in the input slot (f32 event
  ;;   counts, 4 channels per neuron: one vector per neuron, cleared here)
  ;;   $drive (f32, one per neuron, added to the leak rounded as Math.round
  ;;   does, i.e. floor(x + 0.5) in f64; used when $withDrive)
  ;;   $c constants, one block of 144 bytes per 4 neurons ($cStep 144; 0: one
  ;;   block shared by every group): the 4 neurons' weights as 4 vectors,
  ;;   neuron-major (neuron k's 4 axon types in vector k), then as i32x4 over
  ;;   the 4 neurons: leak λ, threshold α, −β, reset value R, flags (bit 0
  ;;   reset to R, bit 1 reset by subtraction, bit 2 saturate at −β, bit 3
  ;;   leak reversal).
  ;; $groups groups of 4 neurons are updated: the caller runs any 1–3 last
  ;; neurons through the TypeScript kernel.
  ;;   x ← v + Σ_G n_G·s_G;  x ← x + Ω·λ (Ω = sgn x with leak reversal, else 1)
  ;;   x ≥ α: spike; x ← R (reset to R), x − α (subtraction) or x (none)
  ;;   else saturate: x ← max(x, −β); else x < −β: x ← −R, x + β or x
  ;;   v ← clamp(x, −2^19, 2^19 − 1)
  (func (export "truenorth_det")
    (param $v i32) (param $in i32) (param $c i32) (param $cStep i32) (param $groups i32)
    (param $drive i32) (param $withDrive i32)
    (param $spikes i32) (param $count i32) (param $firstId i32) (result i32)
    (local $g i32) (local $id i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $s01 v128) (local $s23 v128)
    (local $x v128) (local $lambda v128) (local $d v128) (local $flags v128)
    (local $alpha v128) (local $negBeta v128) (local $reset v128)
    (local $toValue v128) (local $subtract v128) (local $spk v128) (local $neg v128)
    (local $below v128) (local $bits i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $g) (local.get $groups)))
        ;; products n_G·s_G per neuron (counts are whole numbers held as f32)
        (local.set $a0 (i32x4.mul (i32x4.trunc_sat_f32x4_s (v128.load (local.get $in)))
                                  (v128.load (local.get $c))))
        (local.set $a1 (i32x4.mul (i32x4.trunc_sat_f32x4_s (v128.load offset=16 (local.get $in)))
                                  (v128.load offset=16 (local.get $c))))
        (local.set $a2 (i32x4.mul (i32x4.trunc_sat_f32x4_s (v128.load offset=32 (local.get $in)))
                                  (v128.load offset=32 (local.get $c))))
        (local.set $a3 (i32x4.mul (i32x4.trunc_sat_f32x4_s (v128.load offset=48 (local.get $in)))
                                  (v128.load offset=48 (local.get $c))))
        (v128.store (local.get $in) (v128.const i64x2 0 0))
        (v128.store offset=16 (local.get $in) (v128.const i64x2 0 0))
        (v128.store offset=32 (local.get $in) (v128.const i64x2 0 0))
        (v128.store offset=48 (local.get $in) (v128.const i64x2 0 0))
        ;; transpose-and-add: lane k of x becomes neuron k's sum over its 4 types
        (local.set $s01 (i32x4.add
          (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a0) (local.get $a1))
          (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a0) (local.get $a1))))
        (local.set $s23 (i32x4.add
          (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a2) (local.get $a3))
          (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a2) (local.get $a3))))
        (local.set $x (i32x4.add (v128.load (local.get $v))
          (i32x4.add
            (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $s01) (local.get $s23))
            (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $s01) (local.get $s23)))))
        ;; leak, with the drive rounded half up and held within ±2^24 (beyond the
        ;; 20-bit register either way, so the outcome is the same)
        (local.set $lambda (v128.load offset=64 (local.get $c)))
        (if (local.get $withDrive)
          (then
            (local.set $d (v128.load (local.get $drive)))
            (local.set $d
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                (i32x4.trunc_sat_f64x2_s_zero
                  (f64x2.floor (f64x2.add (f64x2.promote_low_f32x4 (local.get $d))
                                          (v128.const f64x2 0.5 0.5))))
                (i32x4.trunc_sat_f64x2_s_zero
                  (f64x2.floor (f64x2.add
                    (f64x2.promote_low_f32x4
                      (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15
                        (local.get $d) (local.get $d)))
                    (v128.const f64x2 0.5 0.5))))))
            (local.set $lambda (i32x4.add (local.get $lambda)
              (i32x4.min_s (v128.const i32x4 0x1000000 0x1000000 0x1000000 0x1000000)
                (i32x4.max_s (v128.const i32x4 -0x1000000 -0x1000000 -0x1000000 -0x1000000)
                  (local.get $d)))))))
        (local.set $flags (v128.load offset=128 (local.get $c)))
        ;; Ω: sgn x = (x < 0) − (x > 0) as masks (−1 each), where bit 3 is set; else 1
        (local.set $x (i32x4.add (local.get $x) (i32x4.mul (local.get $lambda)
          (v128.bitselect
            (i32x4.sub (i32x4.lt_s (local.get $x) (v128.const i64x2 0 0))
                       (i32x4.gt_s (local.get $x) (v128.const i64x2 0 0)))
            (v128.const i32x4 1 1 1 1)
            (i32x4.ne (v128.and (local.get $flags) (v128.const i32x4 8 8 8 8))
                      (v128.const i64x2 0 0))))))
        (local.set $alpha (v128.load offset=80 (local.get $c)))
        (local.set $negBeta (v128.load offset=96 (local.get $c)))
        (local.set $reset (v128.load offset=112 (local.get $c)))
        (local.set $toValue (i32x4.ne (v128.and (local.get $flags) (v128.const i32x4 1 1 1 1))
                                      (v128.const i64x2 0 0)))
        (local.set $subtract (i32x4.ne (v128.and (local.get $flags) (v128.const i32x4 2 2 2 2))
                                       (v128.const i64x2 0 0)))
        (local.set $spk (i32x4.ge_s (local.get $x) (local.get $alpha)))
        (local.set $below (i32x4.lt_s (local.get $x) (local.get $negBeta)))
        ;; below −β: saturate at −β, or reset to −R, by +β, or not at all
        (local.set $neg
          (v128.bitselect (local.get $negBeta)
            (v128.bitselect (i32x4.sub (v128.const i64x2 0 0) (local.get $reset))
              (v128.bitselect (i32x4.sub (local.get $x) (local.get $negBeta)) (local.get $x)
                              (local.get $subtract))
              (local.get $toValue))
            (i32x4.ne (v128.and (local.get $flags) (v128.const i32x4 4 4 4 4))
                      (v128.const i64x2 0 0))))
        (local.set $x
          (v128.bitselect
            (v128.bitselect (local.get $reset)
              (v128.bitselect (i32x4.sub (local.get $x) (local.get $alpha)) (local.get $x)
                              (local.get $subtract))
              (local.get $toValue))
            (v128.bitselect (local.get $neg) (local.get $x) (local.get $below))
            (local.get $spk)))
        (v128.store (local.get $v)
          (i32x4.min_s (v128.const i32x4 0x7ffff 0x7ffff 0x7ffff 0x7ffff)
            (i32x4.max_s (v128.const i32x4 -0x80000 -0x80000 -0x80000 -0x80000)
              (local.get $x))))
        (local.set $bits (i32x4.bitmask (local.get $spk)))
        ;; spikes in lane order: neuron ids first + 4g + lane
        (block $emitted
          (loop $lane
            (br_if $emitted (i32.eqz (local.get $bits)))
            (local.set $id (i32.add (i32.add (local.get $firstId) (i32.shl (local.get $g) (i32.const 2)))
                                    (i32.ctz (local.get $bits))))
            (i32.store (i32.add (local.get $spikes) (i32.shl (local.get $count) (i32.const 2)))
                       (local.get $id))
            (local.set $count (i32.add (local.get $count) (i32.const 1)))
            (local.set $bits (i32.and (local.get $bits) (i32.sub (local.get $bits) (i32.const 1))))
            (br $lane)))
        (local.set $g (i32.add (local.get $g) (i32.const 1)))
        (local.set $v (i32.add (local.get $v) (i32.const 16)))
        (local.set $in (i32.add (local.get $in) (i32.const 64)))
        (local.set $drive (i32.add (local.get $drive) (i32.const 16)))
        (local.set $c (i32.add (local.get $c) (local.get $cStep)))
        (br $next)))
    (local.get $count))
)
