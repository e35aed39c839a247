;; Spike delivery for fully connected projections (every presynaptic neuron to
;; every postsynaptic one, one delay): the weights are a dense row-major
;; pre × post matrix, so a spike adds one contiguous row into one contiguous
;; ring-buffer slot, four float32 lanes per instruction and no target
;; indices to load. Each lane is an IEEE float32 addition and the rows are
;; added in spike order, so every buffer holds exactly the values the
;; scalar CSR delivery of deliver.ts computes (the JS path adds in float64
;; and rounds once to float32, which for a sum of two float32 values is the
;; correctly rounded float32 sum). Arguments are byte offsets into the
;; imported memory; returns the synaptic events (spikes × row length).
(module
  (import "env" "memory" (memory 1))

  (func (export "deliver_dense")
    (param $spikes i32) (param $from i32) (param $to i32) (param $preOffset i32)
    (param $weights i32) (param $slot i32) (param $n i32) (result i32)
    (local $sp i32) (local $spEnd i32) (local $rowBytes i32) (local $row i32)
    (local $dst i32) (local $end i32) (local $end16 i32) (local $end64 i32)
    (local.set $rowBytes (i32.shl (local.get $n) (i32.const 2)))
    (local.set $sp (i32.add (local.get $spikes) (i32.shl (local.get $from) (i32.const 2))))
    (local.set $spEnd (i32.add (local.get $spikes) (i32.shl (local.get $to) (i32.const 2))))
    (local.set $end (i32.add (local.get $slot) (local.get $rowBytes)))
    (local.set $end16 (i32.add (local.get $slot) (i32.and (local.get $rowBytes) (i32.const -16))))
    (local.set $end64 (i32.add (local.get $slot) (i32.and (local.get $rowBytes) (i32.const -64))))
    (block $spikesDone
      (loop $nextSpike
        (br_if $spikesDone (i32.ge_u (local.get $sp) (local.get $spEnd)))
        (local.set $row
          (i32.add (local.get $weights)
            (i32.mul (i32.sub (i32.load (local.get $sp)) (local.get $preOffset)) (local.get $rowBytes))))
        (local.set $dst (local.get $slot))
        ;; sixteen targets per step, then four, then one by one
        (block $d64
          (loop $l64
            (br_if $d64 (i32.ge_u (local.get $dst) (local.get $end64)))
            (v128.store (local.get $dst)
              (f32x4.add (v128.load (local.get $dst)) (v128.load (local.get $row))))
            (v128.store offset=16 (local.get $dst)
              (f32x4.add (v128.load offset=16 (local.get $dst)) (v128.load offset=16 (local.get $row))))
            (v128.store offset=32 (local.get $dst)
              (f32x4.add (v128.load offset=32 (local.get $dst)) (v128.load offset=32 (local.get $row))))
            (v128.store offset=48 (local.get $dst)
              (f32x4.add (v128.load offset=48 (local.get $dst)) (v128.load offset=48 (local.get $row))))
            (local.set $dst (i32.add (local.get $dst) (i32.const 64)))
            (local.set $row (i32.add (local.get $row) (i32.const 64)))
            (br $l64)))
        (block $d16
          (loop $l16
            (br_if $d16 (i32.ge_u (local.get $dst) (local.get $end16)))
            (v128.store (local.get $dst)
              (f32x4.add (v128.load (local.get $dst)) (v128.load (local.get $row))))
            (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
            (local.set $row (i32.add (local.get $row) (i32.const 16)))
            (br $l16)))
        (block $d4
          (loop $l4
            (br_if $d4 (i32.ge_u (local.get $dst) (local.get $end)))
            (f32.store (local.get $dst)
              (f32.add (f32.load (local.get $dst)) (f32.load (local.get $row))))
            (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
            (local.set $row (i32.add (local.get $row) (i32.const 4)))
            (br $l4)))
        (local.set $sp (i32.add (local.get $sp) (i32.const 4)))
        (br $nextSpike)))
    (i32.mul (i32.sub (local.get $to) (local.get $from)) (local.get $n))))
