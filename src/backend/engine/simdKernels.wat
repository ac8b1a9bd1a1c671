;; Hand-written WebAssembly SIMD loops for Model Lens's wasm training kernels (simdKernels.ts).
;; The module imports the tfjs wasm backend's own memory, so it works on tensors where they lie:
;; every pointer below is a byte offset into that heap. scripts/build.mjs compiles this file twice
;; (plain memory, and shared memory for the threaded tfjs build) into dist/wasm/.
(module
  (import "env" "memory" (memory 1))

  ;; MaxPoolGrad for 2×2 windows with stride 2, no padding, channels a multiple of 4 (NHWC).
  ;; Four channels at a time: the window's winner is the first strictly greater value starting from
  ;; −∞ (the tfjs cpu kernel's rule; an all-NaN window passes nothing); each of the four input
  ;; positions gets dy where it won and 0 elsewhere, with masks instead of branches.
  ;; Rows/columns past the last whole window are left as they are (the caller zeroes them).
  (func (export "maxPoolGrad2x2")
    (param $x i32) (param $dy i32) (param $dx i32) (param $batch i32) (param $outH i32)
    (param $outW i32) (param $C i32) (param $inH i32) (param $inW i32)
    (local $rowB i32) (local $cB i32) (local $delta i32) (local $n i32) (local $yr i32)
    (local $yc i32) (local $img i32) (local $corner i32) (local $p i32) (local $end i32) (local $g i32)
    (local $best v128) (local $gv v128) (local $ma v128) (local $mb v128) (local $mc v128) (local $md v128)
    (local.set $cB (i32.shl (local.get $C) (i32.const 2)))
    (local.set $rowB (i32.mul (local.get $inW) (local.get $cB)))
    (local.set $delta (i32.sub (local.get $dx) (local.get $x)))
    (local.set $g (local.get $dy))
    (local.set $n (i32.const 0))
    (block $doneN (loop $eachN
      (br_if $doneN (i32.ge_u (local.get $n) (local.get $batch)))
      (local.set $img (i32.add (local.get $x) (i32.mul (i32.mul (local.get $n) (local.get $inH)) (local.get $rowB))))
      (local.set $yr (i32.const 0))
      (block $doneR (loop $eachR
        (br_if $doneR (i32.ge_u (local.get $yr) (local.get $outH)))
        (local.set $corner (i32.add (local.get $img) (i32.mul (i32.shl (local.get $yr) (i32.const 1)) (local.get $rowB))))
        (local.set $yc (i32.const 0))
        (block $doneC (loop $eachC
          (br_if $doneC (i32.ge_u (local.get $yc) (local.get $outW)))
          (local.set $p (local.get $corner))
          (local.set $end (i32.add (local.get $corner) (local.get $cB)))
          (block $doneQ (loop $eachQ
            (br_if $doneQ (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $best (v128.const f32x4 -inf -inf -inf -inf))
            (local.set $ma (f32x4.gt (v128.load (local.get $p)) (local.get $best)))
            (local.set $best (v128.bitselect (v128.load (local.get $p)) (local.get $best) (local.get $ma)))
            (local.set $mb (f32x4.gt (v128.load (i32.add (local.get $p) (local.get $cB))) (local.get $best)))
            (local.set $best (v128.bitselect (v128.load (i32.add (local.get $p) (local.get $cB))) (local.get $best) (local.get $mb)))
            (local.set $mc (f32x4.gt (v128.load (i32.add (local.get $p) (local.get $rowB))) (local.get $best)))
            (local.set $best (v128.bitselect (v128.load (i32.add (local.get $p) (local.get $rowB))) (local.get $best) (local.get $mc)))
            (local.set $md (f32x4.gt (v128.load (i32.add (i32.add (local.get $p) (local.get $rowB)) (local.get $cB))) (local.get $best)))
            (local.set $gv (v128.load (local.get $g)))
            ;; The last position that beat the running best wins: d, else c, else b, else a.
            (v128.store (i32.add (i32.add (i32.add (local.get $p) (local.get $delta)) (local.get $rowB)) (local.get $cB))
              (v128.and (local.get $gv) (local.get $md)))
            (v128.store (i32.add (i32.add (local.get $p) (local.get $delta)) (local.get $rowB))
              (v128.andnot (v128.and (local.get $gv) (local.get $mc)) (local.get $md)))
            (local.set $mc (v128.or (local.get $mc) (local.get $md)))
            (v128.store (i32.add (i32.add (local.get $p) (local.get $delta)) (local.get $cB))
              (v128.andnot (v128.and (local.get $gv) (local.get $mb)) (local.get $mc)))
            (local.set $mb (v128.or (local.get $mb) (local.get $mc)))
            (v128.store (i32.add (local.get $p) (local.get $delta))
              (v128.andnot (v128.and (local.get $gv) (local.get $ma)) (local.get $mb)))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (local.set $g (i32.add (local.get $g) (i32.const 16)))
            (br $eachQ)))
          (local.set $corner (i32.add (local.get $corner) (i32.shl (local.get $cB) (i32.const 1))))
          (local.set $yc (i32.add (local.get $yc) (i32.const 1)))
          (br $eachC)))
        (local.set $yr (i32.add (local.get $yr) (i32.const 1)))
        (br $eachR)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $eachN)))
  )
)
