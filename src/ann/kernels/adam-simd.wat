;; Adam's parameter update over f32 arrays, two parameters per f64x2 lane
;; pair (four per step). Every operation is the one of adamUpdate in
;; optim.ts, in double precision and in the same order, each result stored
;; as f32 with the same rounding, so both give bit-identical parameters,
;; moments and steps (no fused multiply-add exists in WebAssembly).
;;   d = g + wd·w;  m' = b1·m + c1·d;  v' = b2·v + (c2·d)·d
;;   w' = w − (stepSize·m') / (√v'·invSqrtC2 + eps)
;; m' and v' are stored as f32 but w' uses their f64 values, as optim.ts does.
;; Contract (adam-wasm.ts): f32 arrays of n values, n a multiple of 4,
;; 16-byte aligned, in this module's memory. The gradient is not cleared here.
(module
  (import "env" "memory" (memory 1))

  (func (export "adam")
    (param $w i32) (param $g i32) (param $m i32) (param $v i32) (param $n i32)
    (param $b1 f64) (param $b2 f64) (param $c1 f64) (param $c2 f64)
    (param $stepSize f64) (param $invSqrtC2 f64) (param $eps f64) (param $wd f64)
    (local $end i32)
    (local $B1 v128) (local $B2 v128) (local $C1 v128) (local $C2 v128)
    (local $S v128) (local $I v128) (local $E v128) (local $WD v128)
    (local $w4 v128) (local $g4 v128) (local $m4 v128) (local $v4 v128)
    (local $mLo v128) (local $mHi v128) (local $vLo v128) (local $vHi v128)
    (local $wLo v128) (local $wHi v128) (local $d v128)
    (local.set $B1 (f64x2.splat (local.get $b1)))
    (local.set $B2 (f64x2.splat (local.get $b2)))
    (local.set $C1 (f64x2.splat (local.get $c1)))
    (local.set $C2 (f64x2.splat (local.get $c2)))
    (local.set $S (f64x2.splat (local.get $stepSize)))
    (local.set $I (f64x2.splat (local.get $invSqrtC2)))
    (local.set $E (f64x2.splat (local.get $eps)))
    (local.set $WD (f64x2.splat (local.get $wd)))
    (local.set $end (i32.add (local.get $w) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $w) (local.get $end)))
        (local.set $w4 (v128.load (local.get $w)))
        (local.set $g4 (v128.load (local.get $g)))
        (local.set $m4 (v128.load (local.get $m)))
        (local.set $v4 (v128.load (local.get $v)))
        ;; lanes 0, 1
        (local.set $wLo (f64x2.promote_low_f32x4 (local.get $w4)))
        (local.set $d (f64x2.add (f64x2.promote_low_f32x4 (local.get $g4))
                                 (f64x2.mul (local.get $WD) (local.get $wLo))))
        (local.set $mLo (f64x2.add (f64x2.mul (local.get $B1) (f64x2.promote_low_f32x4 (local.get $m4)))
                                   (f64x2.mul (local.get $C1) (local.get $d))))
        (local.set $vLo (f64x2.add (f64x2.mul (local.get $B2) (f64x2.promote_low_f32x4 (local.get $v4)))
                                   (f64x2.mul (f64x2.mul (local.get $C2) (local.get $d)) (local.get $d))))
        (local.set $wLo (f64x2.sub (local.get $wLo)
          (f64x2.div (f64x2.mul (local.get $S) (local.get $mLo))
                     (f64x2.add (f64x2.mul (f64x2.sqrt (local.get $vLo)) (local.get $I)) (local.get $E)))))
        ;; lanes 2, 3: the upper half moved down first
        (local.set $w4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $w4) (local.get $w4)))
        (local.set $g4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $g4) (local.get $g4)))
        (local.set $m4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $m4) (local.get $m4)))
        (local.set $v4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $v4) (local.get $v4)))
        (local.set $wHi (f64x2.promote_low_f32x4 (local.get $w4)))
        (local.set $d (f64x2.add (f64x2.promote_low_f32x4 (local.get $g4))
                                 (f64x2.mul (local.get $WD) (local.get $wHi))))
        (local.set $mHi (f64x2.add (f64x2.mul (local.get $B1) (f64x2.promote_low_f32x4 (local.get $m4)))
                                   (f64x2.mul (local.get $C1) (local.get $d))))
        (local.set $vHi (f64x2.add (f64x2.mul (local.get $B2) (f64x2.promote_low_f32x4 (local.get $v4)))
                                   (f64x2.mul (f64x2.mul (local.get $C2) (local.get $d)) (local.get $d))))
        (local.set $wHi (f64x2.sub (local.get $wHi)
          (f64x2.div (f64x2.mul (local.get $S) (local.get $mHi))
                     (f64x2.add (f64x2.mul (f64x2.sqrt (local.get $vHi)) (local.get $I)) (local.get $E)))))
        ;; back to f32, lanes in order
        (v128.store (local.get $w)
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
            (f32x4.demote_f64x2_zero (local.get $wLo)) (f32x4.demote_f64x2_zero (local.get $wHi))))
        (v128.store (local.get $m)
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
            (f32x4.demote_f64x2_zero (local.get $mLo)) (f32x4.demote_f64x2_zero (local.get $mHi))))
        (v128.store (local.get $v)
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
            (f32x4.demote_f64x2_zero (local.get $vLo)) (f32x4.demote_f64x2_zero (local.get $vHi))))
        (local.set $w (i32.add (local.get $w) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $m (i32.add (local.get $m) (i32.const 16)))
        (local.set $v (i32.add (local.get $v) (i32.const 16)))
        (br $next)))
  )
)
