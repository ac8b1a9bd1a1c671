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

  ;; Transposed patch matrix for the filter gradient (convKernels.ts im2colT, same layout):
  ;; cols[k, m] with k = (fy, fx, ci) and m = (n, oy, ox), 0 where the window leaves the image.
  ;; Reads run along a pixel's channels (four at a time), each lane goes to its own row of cols,
  ;; and every row is written front to back; the columns a tap never sees are zeroed in runs.
  (func (export "im2colT")
    (param $x i32) (param $cols i32) (param $batch i32) (param $inH i32) (param $inW i32) (param $inC i32)
    (param $outH i32) (param $outW i32) (param $fH i32) (param $fW i32) (param $sH i32) (param $sW i32)
    (param $dH i32) (param $dW i32) (param $pT i32) (param $pL i32)
    (local $rowB i32) (local $fy i32) (local $fx i32) (local $k0 i32) (local $lo i32) (local $hi i32)
    (local $n i32) (local $oy i32) (local $iy i32) (local $ox i32) (local $ci i32) (local $m i32)
    (local $base i32) (local $src i32) (local $dst i32) (local $pixB i32) (local $ci4 i32) (local $v v128)
    (local $r i32)
    ;; bytes from one row of cols to the next
    (local.set $rowB (i32.shl (i32.mul (i32.mul (local.get $batch) (local.get $outH)) (local.get $outW)) (i32.const 2)))
    (local.set $pixB (i32.shl (i32.mul (local.get $sW) (local.get $inC)) (i32.const 2)))
    (local.set $ci4 (i32.and (local.get $inC) (i32.const -4)))
    (local.set $fy (i32.const 0))
    (block $doneFy (loop $eachFy
      (br_if $doneFy (i32.ge_s (local.get $fy) (local.get $fH)))
      (local.set $fx (i32.const 0))
      (block $doneFx (loop $eachFx
        (br_if $doneFx (i32.ge_s (local.get $fx) (local.get $fW)))
        (local.set $k0 (i32.mul (i32.add (i32.mul (local.get $fy) (local.get $fW)) (local.get $fx)) (local.get $inC)))
        ;; Output columns [lo, hi) whose input column ox·sW + fx·dW − pL is inside the image.
        (local.set $lo (i32.const 0))
        (block $loDone (loop $loStep
          (br_if $loDone (i32.ge_s (local.get $lo) (local.get $outW)))
          (br_if $loDone (i32.ge_s (i32.sub (i32.add (i32.mul (local.get $lo) (local.get $sW)) (i32.mul (local.get $fx) (local.get $dW))) (local.get $pL)) (i32.const 0)))
          (local.set $lo (i32.add (local.get $lo) (i32.const 1)))
          (br $loStep)))
        (local.set $hi (local.get $outW))
        (block $hiDone (loop $hiStep
          (br_if $hiDone (i32.le_s (local.get $hi) (local.get $lo)))
          (br_if $hiDone (i32.lt_s (i32.sub (i32.add (i32.mul (i32.sub (local.get $hi) (i32.const 1)) (local.get $sW)) (i32.mul (local.get $fx) (local.get $dW))) (local.get $pL)) (local.get $inW)))
          (local.set $hi (i32.sub (local.get $hi) (i32.const 1)))
          (br $hiStep)))
        ;; m counts output pixels (n, oy, ox); dst is column m of row k0 of cols.
        (local.set $m (i32.const 0))
        (local.set $n (i32.const 0))
        (block $doneN (loop $eachN
          (br_if $doneN (i32.ge_s (local.get $n) (local.get $batch)))
          (local.set $oy (i32.const 0))
          (block $doneOy (loop $eachOy
            (br_if $doneOy (i32.ge_s (local.get $oy) (local.get $outH)))
            (local.set $iy (i32.add (i32.sub (i32.mul (local.get $oy) (local.get $sH)) (local.get $pT)) (i32.mul (local.get $fy) (local.get $dH))))
            (local.set $dst (i32.add (local.get $cols) (i32.shl (i32.add (i32.mul (local.get $k0) (i32.shr_u (local.get $rowB) (i32.const 2))) (local.get $m)) (i32.const 2))))
            (if (i32.or (i32.lt_s (local.get $iy) (i32.const 0)) (i32.ge_s (local.get $iy) (local.get $inH)))
              (then
                ;; The whole output row sees padding for this tap: zero it in every channel's row.
                (local.set $ci (i32.const 0))
                (block $doneZ (loop $eachZ
                  (br_if $doneZ (i32.ge_s (local.get $ci) (local.get $inC)))
                  (memory.fill (i32.add (local.get $dst) (i32.mul (local.get $ci) (local.get $rowB))) (i32.const 0) (i32.shl (local.get $outW) (i32.const 2)))
                  (local.set $ci (i32.add (local.get $ci) (i32.const 1)))
                  (br $eachZ))))
              (else
                (local.set $ci (i32.const 0))
                (block $doneE (loop $eachE
                  (br_if $doneE (i32.ge_s (local.get $ci) (local.get $inC)))
                  ;; Edge columns are few (the padding): plain stores beat a memory.fill call.
                  (local.set $r (i32.add (local.get $dst) (i32.mul (local.get $ci) (local.get $rowB))))
                  (local.set $ox (i32.const 0))
                  (block $doneL (loop $eachL
                    (br_if $doneL (i32.ge_s (local.get $ox) (local.get $lo)))
                    (f32.store (i32.add (local.get $r) (i32.shl (local.get $ox) (i32.const 2))) (f32.const 0))
                    (local.set $ox (i32.add (local.get $ox) (i32.const 1)))
                    (br $eachL)))
                  (local.set $ox (local.get $hi))
                  (block $doneH (loop $eachH
                    (br_if $doneH (i32.ge_s (local.get $ox) (local.get $outW)))
                    (f32.store (i32.add (local.get $r) (i32.shl (local.get $ox) (i32.const 2))) (f32.const 0))
                    (local.set $ox (i32.add (local.get $ox) (i32.const 1)))
                    (br $eachH)))
                  (local.set $ci (i32.add (local.get $ci) (i32.const 1)))
                  (br $eachE)))
                ;; src: pixel (n, iy, lo·sW + fx·dW − pL), channel 0
                (local.set $base (i32.add (local.get $x) (i32.shl (i32.mul (i32.add
                  (i32.mul (i32.add (i32.mul (local.get $n) (local.get $inH)) (local.get $iy)) (local.get $inW))
                  (i32.sub (i32.add (i32.mul (local.get $lo) (local.get $sW)) (i32.mul (local.get $fx) (local.get $dW))) (local.get $pL)))
                  (local.get $inC)) (i32.const 2))))
                (local.set $dst (i32.add (local.get $dst) (i32.shl (local.get $lo) (i32.const 2))))
                (local.set $ox (local.get $lo))
                (block $doneOx (loop $eachOx
                  (br_if $doneOx (i32.ge_s (local.get $ox) (local.get $hi)))
                  (local.set $src (local.get $base))
                  (local.set $r (local.get $dst))
                  (local.set $ci (i32.const 0))
                  (block $doneC4 (loop $eachC4
                    (br_if $doneC4 (i32.ge_s (local.get $ci) (local.get $ci4)))
                    (local.set $v (v128.load (local.get $src)))
                    (f32.store (local.get $r) (f32x4.extract_lane 0 (local.get $v)))
                    (f32.store (i32.add (local.get $r) (local.get $rowB)) (f32x4.extract_lane 1 (local.get $v)))
                    (f32.store (i32.add (local.get $r) (i32.shl (local.get $rowB) (i32.const 1))) (f32x4.extract_lane 2 (local.get $v)))
                    (f32.store (i32.add (local.get $r) (i32.mul (local.get $rowB) (i32.const 3))) (f32x4.extract_lane 3 (local.get $v)))
                    (local.set $r (i32.add (local.get $r) (i32.shl (local.get $rowB) (i32.const 2))))
                    (local.set $src (i32.add (local.get $src) (i32.const 16)))
                    (local.set $ci (i32.add (local.get $ci) (i32.const 4)))
                    (br $eachC4)))
                  (block $doneC1 (loop $eachC1
                    (br_if $doneC1 (i32.ge_s (local.get $ci) (local.get $inC)))
                    (f32.store (local.get $r) (f32.load (local.get $src)))
                    (local.set $r (i32.add (local.get $r) (local.get $rowB)))
                    (local.set $src (i32.add (local.get $src) (i32.const 4)))
                    (local.set $ci (i32.add (local.get $ci) (i32.const 1)))
                    (br $eachC1)))
                  (local.set $base (i32.add (local.get $base) (local.get $pixB)))
                  (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
                  (local.set $ox (i32.add (local.get $ox) (i32.const 1)))
                  (br $eachOx)))))
            (local.set $m (i32.add (local.get $m) (local.get $outW)))
            (local.set $oy (i32.add (local.get $oy) (i32.const 1)))
            (br $eachOy)))
          (local.set $n (i32.add (local.get $n) (i32.const 1)))
          (br $eachN)))
        (local.set $fx (i32.add (local.get $fx) (i32.const 1)))
        (br $eachFx)))
      (local.set $fy (i32.add (local.get $fy) (i32.const 1)))
      (br $eachFy)))
  )

  ;; Sum over leading axes: out[j] = Σ_r x[r, j] for x seen as [rows, inner] (a bias gradient sums
  ;; [N·H·W, C]). The stock kernel transposes x first to reduce innermost; here rows are added in
  ;; place, four columns at a time, in float32 blocks of 256 rows flushed into float64 totals
  ;; (the cpu kernel sums in double precision). scratch: inner float32 + inner float64.
  (func (export "sumLeading") (param $x i32) (param $out i32) (param $scratch i32) (param $rows i32) (param $inner i32)
    (local $acc32 i32) (local $acc64 i32) (local $inner4 i32) (local $rowB i32) (local $r i32) (local $end i32)
    (local $p i32) (local $j i32)
    (local.set $acc32 (local.get $scratch))
    (local.set $acc64 (i32.add (local.get $scratch) (i32.shl (local.get $inner) (i32.const 2))))
    (local.set $inner4 (i32.and (local.get $inner) (i32.const -4)))
    (local.set $rowB (i32.shl (local.get $inner) (i32.const 2)))
    (memory.fill (local.get $acc64) (i32.const 0) (i32.shl (local.get $inner) (i32.const 3)))
    (local.set $r (i32.const 0))
    (block $doneBlocks (loop $eachBlock
      (br_if $doneBlocks (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $end (i32.add (local.get $r) (i32.const 256)))
      (if (i32.gt_u (local.get $end) (local.get $rows)) (then (local.set $end (local.get $rows))))
      (memory.fill (local.get $acc32) (i32.const 0) (local.get $rowB))
      (local.set $p (i32.add (local.get $x) (i32.mul (local.get $r) (local.get $rowB))))
      (block $doneRows (loop $eachRow
        (br_if $doneRows (i32.ge_u (local.get $r) (local.get $end)))
        (local.set $j (i32.const 0))
        (block $done4 (loop $each4
          (br_if $done4 (i32.ge_u (local.get $j) (local.get $inner4)))
          (v128.store (i32.add (local.get $acc32) (i32.shl (local.get $j) (i32.const 2)))
            (f32x4.add (v128.load (i32.add (local.get $acc32) (i32.shl (local.get $j) (i32.const 2))))
                       (v128.load (i32.add (local.get $p) (i32.shl (local.get $j) (i32.const 2))))))
          (local.set $j (i32.add (local.get $j) (i32.const 4)))
          (br $each4)))
        (block $done1 (loop $each1
          (br_if $done1 (i32.ge_u (local.get $j) (local.get $inner)))
          (f32.store (i32.add (local.get $acc32) (i32.shl (local.get $j) (i32.const 2)))
            (f32.add (f32.load (i32.add (local.get $acc32) (i32.shl (local.get $j) (i32.const 2))))
                     (f32.load (i32.add (local.get $p) (i32.shl (local.get $j) (i32.const 2))))))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br $each1)))
        (local.set $p (i32.add (local.get $p) (local.get $rowB)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $eachRow)))
      (local.set $j (i32.const 0))
      (block $doneFlush (loop $eachFlush
        (br_if $doneFlush (i32.ge_u (local.get $j) (local.get $inner)))
        (f64.store (i32.add (local.get $acc64) (i32.shl (local.get $j) (i32.const 3)))
          (f64.add (f64.load (i32.add (local.get $acc64) (i32.shl (local.get $j) (i32.const 3))))
                   (f64.promote_f32 (f32.load (i32.add (local.get $acc32) (i32.shl (local.get $j) (i32.const 2)))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $eachFlush)))
      (br $eachBlock)))
    (local.set $j (i32.const 0))
    (block $doneOut (loop $eachOut
      (br_if $doneOut (i32.ge_u (local.get $j) (local.get $inner)))
      (f32.store (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 2)))
        (f32.demote_f64 (f64.load (i32.add (local.get $acc64) (i32.shl (local.get $j) (i32.const 3))))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $eachOut)))
  )

  ;; [L2 norm, max |x|] of n float32 values at x, written as two float32 at out (tensorStats.ts).
  ;; Squares are summed in float64 like the JavaScript loop; NaN anywhere makes both figures NaN
  ;; (f32x4.max propagates it, and so does the sum).
  (func (export "l2MaxAbs") (param $x i32) (param $n i32) (param $out i32)
    (local $end4 i32) (local $end i32) (local $v v128) (local $lo v128) (local $hi v128)
    (local $mx v128) (local $sq f64) (local $m f32) (local $s f32)
    (local.set $end4 (i32.add (local.get $x) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $lo (v128.const f64x2 0 0))
    (local.set $hi (v128.const f64x2 0 0))
    (local.set $mx (v128.const f32x4 0 0 0 0))
    (block $done4 (loop $each4
      (br_if $done4 (i32.ge_u (local.get $x) (local.get $end4)))
      (local.set $v (v128.load (local.get $x)))
      (local.set $mx (f32x4.max (local.get $mx) (f32x4.abs (local.get $v))))
      (local.set $lo (f64x2.add (local.get $lo) (f64x2.mul (f64x2.promote_low_f32x4 (local.get $v)) (f64x2.promote_low_f32x4 (local.get $v)))))
      (local.set $v (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))
      (local.set $hi (f64x2.add (local.get $hi) (f64x2.mul (f64x2.promote_low_f32x4 (local.get $v)) (f64x2.promote_low_f32x4 (local.get $v)))))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (br $each4)))
    (local.set $lo (f64x2.add (local.get $lo) (local.get $hi)))
    (local.set $sq (f64.add (f64x2.extract_lane 0 (local.get $lo)) (f64x2.extract_lane 1 (local.get $lo))))
    (local.set $m (f32.max (f32.max (f32x4.extract_lane 0 (local.get $mx)) (f32x4.extract_lane 1 (local.get $mx)))
                           (f32.max (f32x4.extract_lane 2 (local.get $mx)) (f32x4.extract_lane 3 (local.get $mx)))))
    (block $done1 (loop $each1
      (br_if $done1 (i32.ge_u (local.get $x) (local.get $end)))
      (local.set $s (f32.load (local.get $x)))
      (local.set $m (f32.max (local.get $m) (f32.abs (local.get $s))))
      (local.set $sq (f64.add (local.get $sq) (f64.mul (f64.promote_f32 (local.get $s)) (f64.promote_f32 (local.get $s)))))
      (local.set $x (i32.add (local.get $x) (i32.const 4)))
      (br $each1)))
    (f32.store (local.get $out) (f32.demote_f64 (f64.sqrt (local.get $sq))))
    (f32.store offset=4 (local.get $out) (local.get $m))
  )

  ;; out[r, j] = x[r, j] + b[j] for x seen as [rows, inner] (bias add: conv output + per-channel bias).
  ;; The stock Add takes its general broadcasting path for this.
  (func (export "addRowVector") (param $x i32) (param $b i32) (param $out i32) (param $rows i32) (param $inner i32)
    (local $inner4 i32) (local $r i32) (local $j i32) (local $rowB i32)
    (local.set $inner4 (i32.and (local.get $inner) (i32.const -4)))
    (local.set $rowB (i32.shl (local.get $inner) (i32.const 2)))
    (local.set $r (i32.const 0))
    (block $doneRows (loop $eachRow
      (br_if $doneRows (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $j (i32.const 0))
      (block $done4 (loop $each4
        (br_if $done4 (i32.ge_u (local.get $j) (local.get $inner4)))
        (v128.store (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 2)))
          (f32x4.add (v128.load (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 2))))
                     (v128.load (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $each4)))
      (block $done1 (loop $each1
        (br_if $done1 (i32.ge_u (local.get $j) (local.get $inner)))
        (f32.store (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 2)))
          (f32.add (f32.load (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 2))))
                   (f32.load (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $each1)))
      (local.set $x (i32.add (local.get $x) (local.get $rowB)))
      (local.set $out (i32.add (local.get $out) (local.get $rowB)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $eachRow)))
  )
)
