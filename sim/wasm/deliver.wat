;; Spike delivery: for each spike of the presynaptic population, walk its CSR
;; row and add each weight into the target's ring-buffer slot. The same float32
;; additions in the same order as sim/engine/deliver.ts, so the results are
;; bit-identical. Arguments are byte offsets into the imported memory; each
;; function returns the number of synaptic events delivered.
;;
;; One function per storage case, as in deliver.ts: a projection whose
;; synapses share one delay writes into one slot (its byte offset $slot) and,
;; sharing one weight too, loads no weights at all (CUBA, Brunel).
(module
  (import "env" "memory" (memory 1))

  ;; Touches every cache line of every spike's row of targets before the delivery loop walks
  ;; them: these loads depend on nothing, so the rows' cache misses overlap instead of coming one
  ;; after another behind the loop's read-modify-writes. Returns 0: no target id is −1 (ids are
  ;; below 2³¹), so nothing is counted, but the test keeps the loads.
  (func $touchRows
    (param $rowStart i32) (param $targets i32) (param $sp i32) (param $spEnd i32)
    (param $preOffset i32) (result i32)
    (local $row i32) (local $k i32) (local $kEnd i32) (local $none i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $sp) (local.get $spEnd)))
        (local.set $row
          (i32.add (local.get $rowStart)
            (i32.shl (i32.sub (i32.load (local.get $sp)) (local.get $preOffset)) (i32.const 2))))
        (local.set $k (i32.add (local.get $targets) (i32.shl (i32.load (local.get $row)) (i32.const 2))))
        (local.set $kEnd (i32.add (local.get $targets) (i32.shl (i32.load offset=4 (local.get $row)) (i32.const 2))))
        (block $rowDone
          (loop $line
            (br_if $rowDone (i32.ge_u (local.get $k) (local.get $kEnd)))
            (if (i32.eq (i32.load (local.get $k)) (i32.const -1))
              (then (local.set $none (i32.add (local.get $none) (i32.const 1)))))
            (local.set $k (i32.add (local.get $k) (i32.const 64)))
            (br $line)))
        (local.set $sp (i32.add (local.get $sp) (i32.const 4)))
        (br $next)))
    (local.get $none))

  ;; Common delay and weight $w.
  (func (export "deliver_uniform")
    (param $rowStart i32) (param $targets i32) (param $spikes i32) (param $from i32)
    (param $to i32) (param $preOffset i32) (param $slot i32) (param $w f32) (result i32)
    (local $sp i32) (local $spEnd i32) (local $row i32) (local $k i32) (local $kEnd i32)
    (local $kEnd4 i32) (local $at i32) (local $events i32)
    (local.set $sp (i32.add (local.get $spikes) (i32.shl (local.get $from) (i32.const 2))))
    (local.set $spEnd (i32.add (local.get $spikes) (i32.shl (local.get $to) (i32.const 2))))
    (local.set $events (call $touchRows (local.get $rowStart) (local.get $targets)
      (local.get $sp) (local.get $spEnd) (local.get $preOffset)))
    (block $spikesDone
      (loop $nextSpike
        (br_if $spikesDone (i32.ge_u (local.get $sp) (local.get $spEnd)))
        (local.set $row
          (i32.add (local.get $rowStart)
            (i32.shl (i32.sub (i32.load (local.get $sp)) (local.get $preOffset)) (i32.const 2))))
        (local.set $k
          (i32.add (local.get $targets) (i32.shl (i32.load (local.get $row)) (i32.const 2))))
        (local.set $kEnd
          (i32.add (local.get $targets) (i32.shl (i32.load offset=4 (local.get $row)) (i32.const 2))))
        (local.set $events
          (i32.add (local.get $events)
            (i32.shr_u (i32.sub (local.get $kEnd) (local.get $k)) (i32.const 2))))
        ;; four synapses per step while at least four remain, then one by one
        (local.set $kEnd4 (i32.sub (local.get $kEnd) (i32.const 12)))
        (block $quadsDone
          (loop $quad
            (br_if $quadsDone (i32.ge_u (local.get $k) (local.get $kEnd4)))
            (local.set $at (i32.add (local.get $slot) (i32.shl (i32.load (local.get $k)) (i32.const 2))))
            (f32.store (local.get $at) (f32.add (f32.load (local.get $at)) (local.get $w)))
            (local.set $at (i32.add (local.get $slot) (i32.shl (i32.load offset=4 (local.get $k)) (i32.const 2))))
            (f32.store (local.get $at) (f32.add (f32.load (local.get $at)) (local.get $w)))
            (local.set $at (i32.add (local.get $slot) (i32.shl (i32.load offset=8 (local.get $k)) (i32.const 2))))
            (f32.store (local.get $at) (f32.add (f32.load (local.get $at)) (local.get $w)))
            (local.set $at (i32.add (local.get $slot) (i32.shl (i32.load offset=12 (local.get $k)) (i32.const 2))))
            (f32.store (local.get $at) (f32.add (f32.load (local.get $at)) (local.get $w)))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (br $quad)))
        (block $rowDone
          (loop $one
            (br_if $rowDone (i32.ge_u (local.get $k) (local.get $kEnd)))
            (local.set $at (i32.add (local.get $slot) (i32.shl (i32.load (local.get $k)) (i32.const 2))))
            (f32.store (local.get $at) (f32.add (f32.load (local.get $at)) (local.get $w)))
            (local.set $k (i32.add (local.get $k) (i32.const 4)))
            (br $one)))
        (local.set $sp (i32.add (local.get $sp) (i32.const 4)))
        (br $nextSpike)))
    (local.get $events))

  ;; Common delay, a weight per synapse (arguments as deliver_uniform's, the
  ;; weights' offset in place of the weight).
  (func (export "deliver_weights")
    (param $rowStart i32) (param $targets i32) (param $spikes i32) (param $from i32)
    (param $to i32) (param $preOffset i32) (param $slot i32) (param $weights i32) (result i32)
    (local $sp i32) (local $spEnd i32) (local $row i32) (local $k i32) (local $kEnd i32)
    (local $wAt i32) (local $at i32) (local $events i32)
    (local.set $sp (i32.add (local.get $spikes) (i32.shl (local.get $from) (i32.const 2))))
    (local.set $spEnd (i32.add (local.get $spikes) (i32.shl (local.get $to) (i32.const 2))))
    (local.set $events (call $touchRows (local.get $rowStart) (local.get $targets)
      (local.get $sp) (local.get $spEnd) (local.get $preOffset)))
    ;; weights[k] sits at the same distance from $weights as targets[k] from $targets
    (local.set $wAt (i32.sub (local.get $weights) (local.get $targets)))
    (block $spikesDone
      (loop $nextSpike
        (br_if $spikesDone (i32.ge_u (local.get $sp) (local.get $spEnd)))
        (local.set $row
          (i32.add (local.get $rowStart)
            (i32.shl (i32.sub (i32.load (local.get $sp)) (local.get $preOffset)) (i32.const 2))))
        (local.set $k
          (i32.add (local.get $targets) (i32.shl (i32.load (local.get $row)) (i32.const 2))))
        (local.set $kEnd
          (i32.add (local.get $targets) (i32.shl (i32.load offset=4 (local.get $row)) (i32.const 2))))
        (local.set $events
          (i32.add (local.get $events)
            (i32.shr_u (i32.sub (local.get $kEnd) (local.get $k)) (i32.const 2))))
        (block $rowDone
          (loop $one
            (br_if $rowDone (i32.ge_u (local.get $k) (local.get $kEnd)))
            (local.set $at (i32.add (local.get $slot) (i32.shl (i32.load (local.get $k)) (i32.const 2))))
            (f32.store (local.get $at)
              (f32.add (f32.load (local.get $at))
                       (f32.load (i32.add (local.get $k) (local.get $wAt)))))
            (local.set $k (i32.add (local.get $k) (i32.const 4)))
            (br $one)))
        (local.set $sp (i32.add (local.get $sp) (i32.const 4)))
        (br $nextSpike)))
    (local.get $events))

  ;; A delay per synapse (ticks, $delayBytes 1 or 2 per delay), a weight per
  ;; synapse: slot (tick + delay) & mask of the buffer at $buffer, $stride
  ;; floats apart.
  (func (export "deliver_delays")
    (param $rowStart i32) (param $targets i32) (param $weights i32) (param $delays i32)
    (param $delayBytes i32) (param $spikes i32) (param $from i32) (param $to i32)
    (param $preOffset i32) (param $buffer i32) (param $tick i32) (param $mask i32)
    (param $stride i32) (result i32)
    (local $sp i32) (local $spEnd i32) (local $row i32) (local $k i32) (local $kEnd i32)
    (local $d i32) (local $at i32) (local $events i32)
    (local.set $sp (i32.add (local.get $spikes) (i32.shl (local.get $from) (i32.const 2))))
    (local.set $spEnd (i32.add (local.get $spikes) (i32.shl (local.get $to) (i32.const 2))))
    (local.set $events (call $touchRows (local.get $rowStart) (local.get $targets)
      (local.get $sp) (local.get $spEnd) (local.get $preOffset)))
    (block $spikesDone
      (loop $nextSpike
        (br_if $spikesDone (i32.ge_u (local.get $sp) (local.get $spEnd)))
        (local.set $row
          (i32.add (local.get $rowStart)
            (i32.shl (i32.sub (i32.load (local.get $sp)) (local.get $preOffset)) (i32.const 2))))
        (local.set $k (i32.load (local.get $row)))
        (local.set $kEnd (i32.load offset=4 (local.get $row)))
        (local.set $events
          (i32.add (local.get $events) (i32.sub (local.get $kEnd) (local.get $k))))
        (block $rowDone
          (loop $one
            (br_if $rowDone (i32.ge_u (local.get $k) (local.get $kEnd)))
            (local.set $d
              (if (result i32) (i32.eq (local.get $delayBytes) (i32.const 1))
                (then (i32.load8_u (i32.add (local.get $delays) (local.get $k))))
                (else (i32.load16_u
                        (i32.add (local.get $delays) (i32.shl (local.get $k) (i32.const 1)))))))
            (local.set $at
              (i32.add (local.get $buffer)
                (i32.shl
                  (i32.add
                    (i32.mul (i32.and (i32.add (local.get $tick) (local.get $d)) (local.get $mask))
                             (local.get $stride))
                    (i32.load (i32.add (local.get $targets) (i32.shl (local.get $k) (i32.const 2)))))
                  (i32.const 2))))
            (f32.store (local.get $at)
              (f32.add (f32.load (local.get $at))
                       (f32.load (i32.add (local.get $weights) (i32.shl (local.get $k) (i32.const 2))))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $one)))
        (local.set $sp (i32.add (local.get $sp) (i32.const 4)))
        (br $nextSpike)))
    (local.get $events))
)
