;; External Poisson drive: one count per neuron per tick, drawn by inversion
;; of one xoshiro128** output against the sampler's CDF table, started from
;; its guide table, and count · w added to the neuron's input slot. The same
;; generator steps, table search and float64 arithmetic as
;; NeuronRuntime.drive with PoissonSampler.sample (λ < 12) and Rng.nextU32,
;; so the counts and the slot values are bit-identical.
(module
  (import "env" "memory" (memory 1))

  ;; $rng: the generator's four state words (read, advanced, written back).
  ;; $thresholds: i64 P(X ≤ k)·2^32, the last 2^32; $guide: 256 i32 first guesses.
  ;; $slot: n float32 inputs. Returns the number of kicks (the sum of the counts).
  (func (export "drive")
    (param $rng i32) (param $thresholds i32) (param $guide i32) (param $slot i32)
    (param $n i32) (param $w f64) (result i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32)
    (local $x i32) (local $u i32) (local $t i32) (local $n2 i32) (local $n3 i32)
    (local $k i32) (local $at i32) (local $end i32) (local $kicks i32)
    (local.set $s0 (i32.load (local.get $rng)))
    (local.set $s1 (i32.load offset=4 (local.get $rng)))
    (local.set $s2 (i32.load offset=8 (local.get $rng)))
    (local.set $s3 (i32.load offset=12 (local.get $rng)))
    (local.set $at (local.get $slot))
    (local.set $end (i32.add (local.get $slot) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        ;; xoshiro128** 1.1: result = rotl(s1·5, 7)·9, then the state update
        (local.set $x (i32.mul (local.get $s1) (i32.const 5)))
        (local.set $u (i32.mul (i32.rotl (local.get $x) (i32.const 7)) (i32.const 9)))
        (local.set $t (i32.shl (local.get $s1) (i32.const 9)))
        (local.set $n2 (i32.xor (local.get $s2) (local.get $s0)))
        (local.set $n3 (i32.xor (local.get $s3) (local.get $s1)))
        (local.set $s1 (i32.xor (local.get $s1) (local.get $n2)))
        (local.set $s0 (i32.xor (local.get $s0) (local.get $n3)))
        (local.set $s2 (i32.xor (local.get $n2) (local.get $t)))
        (local.set $s3 (i32.rotl (local.get $n3) (i32.const 11)))
        ;; k = guide[u >>> 24]; while (u >= thresholds[k]) k++
        (local.set $k
          (i32.load (i32.add (local.get $guide)
                             (i32.shl (i32.shr_u (local.get $u) (i32.const 24)) (i32.const 2)))))
        (block $found
          (loop $search
            (br_if $found
              (i64.lt_u (i64.extend_i32_u (local.get $u))
                        (i64.load (i32.add (local.get $thresholds)
                                           (i32.shl (local.get $k) (i32.const 3))))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $search)))
        ;; slot += k·w in float64, rounded to float32 on the store
        (f32.store (local.get $at)
          (f32.demote_f64
            (f64.add (f64.promote_f32 (f32.load (local.get $at)))
                     (f64.mul (f64.convert_i32_u (local.get $k)) (local.get $w)))))
        (local.set $kicks (i32.add (local.get $kicks) (local.get $k)))
        (local.set $at (i32.add (local.get $at) (i32.const 4)))
        (br $next)))
    (i32.store (local.get $rng) (local.get $s0))
    (i32.store offset=4 (local.get $rng) (local.get $s1))
    (i32.store offset=8 (local.get $rng) (local.get $s2))
    (i32.store offset=12 (local.get $rng) (local.get $s3))
    (local.get $kicks))
)
