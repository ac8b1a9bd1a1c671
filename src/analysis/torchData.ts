// Where a model's input comes from in a training script: torchvision datasets (their image size and
// mode), the transforms applied to them (ToTensor, Resize, CenterCrop, Grayscale, Pad, Lambda…),
// torch.utils.data loaders (batch_size batches the sample) and argparse (`--batch-size`): its
// defaults, or the command line the script is run with (argparseArgv.ts).
// Only shapes: a loader yields one representative batch.
import type { ArgList } from './torchLayers';
import { parseArgv, type ScriptArgs, type ArgAction, type ArgNargs, type ArgParserInfo, type ArgSpec, type ArgType } from './argparseArgv';
import type { Msg } from './types';
import { NONE, asInt, asInts, num, tensor, unknown, type DataValue, type Value } from './values';

/** Calls a user function (a `transforms.Lambda(lambda x: …)` body). */
export type Invoke = (f: Value, args: Value[]) => Value;

const IMAGE_DATASETS: Record<string, [number, number, number]> = {
  MNIST: [1, 28, 28], FashionMNIST: [1, 28, 28], KMNIST: [1, 28, 28], QMNIST: [1, 28, 28], EMNIST: [1, 28, 28],
  CIFAR10: [3, 32, 32], CIFAR100: [3, 32, 32], SVHN: [3, 32, 32], STL10: [3, 96, 96], CelebA: [3, 218, 178], Omniglot: [1, 105, 105],
  ImageFolder: [3, -1, -1], ImageNet: [3, -1, -1], LSUN: [3, -1, -1], Places365: [3, -1, -1], Caltech101: [3, -1, -1], Flowers102: [3, -1, -1],
};

const SAME_SHAPE_TRANSFORMS = new Set([
  'Normalize', 'RandomHorizontalFlip', 'RandomVerticalFlip', 'ColorJitter', 'RandomRotation', 'RandomAffine', 'GaussianBlur', 'RandomErasing',
  'RandomApply', 'RandomGrayscale', 'AutoAugment', 'RandAugment', 'TrivialAugmentWide', 'AugMix', 'ConvertImageDtype', 'RandomPerspective',
  'RandomInvert', 'RandomPosterize', 'RandomSolarize', 'RandomAdjustSharpness', 'RandomAutocontrast', 'RandomEqualize', 'ToDtype', 'RandomOrder',
  'RandomChoice',
]);

function data(d: DataValue): Value {
  return { t: 'data', d };
}

function arg(args: ArgList, i: number, name: string): Value | undefined {
  // `**kwargs` the analysis cannot list may hold it: unknown, never the default (unless it surely lacks the key).
  const rest = args.unknownRest;
  return args.positional[i]?.value ?? args.keyword.get(name)?.value ?? (rest?.t === 'unknown' && rest.mayKeys && !rest.mayKeys.includes(name) ? undefined : rest);
}

/** The (height, width) of a `size` argument: 28 → (28, 28) for crops. */
function pair(v: Value | undefined): [number, number] | undefined {
  const ns = asInts(v);
  if (!ns) return undefined;
  if (ns.length === 1) return [ns[0]!, ns[0]!];
  if (ns.length === 2) return [ns[0]!, ns[1]!];
  return undefined;
}

/** Height, width and channels of an image or a [..., C, H, W] tensor, and a way to rebuild it. */
function spatial(x: Value): { c: number; h: number; w: number; make: (c: number, h: number, w: number) => Value } | undefined {
  if (x.t === 'data' && x.d.kind === 'image') return { c: x.d.channels, h: x.d.height, w: x.d.width, make: (c, h, w) => data({ kind: 'image', channels: c, height: h, width: w }) };
  if (x.t === 'tensor' && x.shape.length >= 3) {
    const lead = x.shape.slice(0, -3);
    const [c, h, w] = x.shape.slice(-3) as [number, number, number];
    return { c, h, w, make: (cc, hh, ww) => tensor([...lead, cc, hh, ww]) };
  }
  return undefined;
}

const sizeUnknown = (name: string): Value => unknown(`${name}: the image size is not known (add Resize or CenterCrop with a fixed size)`, `${name}：图像尺寸未知（请添加固定尺寸的 Resize 或 CenterCrop）`);

function transform(name: string, args: ArgList, invoke: Invoke): Value {
  const t = (apply: (x: Value) => Value): Value => data({ kind: 'transform', name, apply: (x) => (x.t === 'unknown' ? x : apply(x)) });
  if (SAME_SHAPE_TRANSFORMS.has(name)) return t((x) => x);
  switch (name) {
    case 'Compose': {
      const list = arg(args, 0, 'transforms');
      const items = list?.t === 'seq' ? list.items : undefined;
      return t((x) => {
        if (!items) return unknown('transforms.Compose of an unknown list', '未知列表的 transforms.Compose');
        let y = x;
        for (const it of items) y = applyTransform(it, y, invoke);
        return y;
      });
    }
    case 'ToTensor':
    case 'PILToTensor':
      return t((x) => {
        if (x.t === 'data' && x.d.kind === 'image') {
          if (x.d.channels < 0) return unknown(`${name}: the image's mode (its channels) is not known — Image.open keeps the file's own; .convert('RGB') fixes it`, `${name}：图像模式（通道数）未知——Image.open 保留文件自身的模式；.convert('RGB') 可固定`);
          return x.d.height < 0 || x.d.width < 0 ? sizeUnknown(name) : tensor([x.d.channels, x.d.height, x.d.width]);
        }
        // Else a numpy array (torchvision refuses a torch tensor): height × width × channels, or
        // height × width, made channels-first.
        if (x.t === 'tensor' && name === 'ToTensor' && x.shape.length === 3) return tensor([x.shape[2]!, x.shape[0]!, x.shape[1]!]);
        if (x.t === 'tensor' && name === 'ToTensor' && x.shape.length === 2) return tensor([1, x.shape[0]!, x.shape[1]!]);
        return x.t === 'tensor' ? unknown(`${name} of an array of ${x.shape.length} dimensions`, `${name} 的输入是 ${x.shape.length} 维数组`) : unknown(`${name} of a non-image`, `${name} 的输入不是图像`);
      });
    case 'ToPILImage':
      return t((x) => {
        if (x.t !== 'tensor') return x;
        if (x.shape.length === 2) return data({ kind: 'image', channels: 1, height: x.shape[0]!, width: x.shape[1]! });
        if (x.shape.length !== 3) return unknown(`ToPILImage of ${x.shape.length} dimensions`, `ToPILImage 的输入是 ${x.shape.length} 维`);
        // A tensor is channels × height × width, a numpy array height × width × channels, and an
        // image has 1 to 4 channels: where only one reading fits, it is that one.
        const [a, b, c] = x.shape as [number, number, number];
        const channels = (n: number): boolean => n >= 1 && n <= 4;
        const first = data({ kind: 'image', channels: a, height: b, width: c });
        const last = data({ kind: 'image', channels: c, height: a, width: b });
        if (channels(a) && (!channels(c) || (a === c && b === a))) return first;
        if (channels(c) && !channels(a)) return last;
        return unknown(`ToPILImage of [${x.shape.join(', ')}]: whether it is a tensor (channels first) or a numpy array (channels last) is not known`, `ToPILImage 的输入 [${x.shape.join(', ')}]：无法确定是张量（通道在前）还是 numpy 数组（通道在后）`);
      });
    case 'Resize':
    case 'Scale': {
      const size = arg(args, 0, 'size');
      const maxSize = args.keyword.get('max_size')?.value;
      const ns = asInts(size);
      return t((x) => {
        const s = spatial(x);
        if (!s || !ns || (maxSize && maxSize.t !== 'none')) return unknown('Resize of an unknown size', 'Resize 的尺寸未知');
        if (ns.length === 2) return s.make(s.c, ns[0]!, ns[1]!);
        // Still of unknown size (ImageFolder's images): a crop after it fixes the size (`Resize(64)` then `CenterCrop(64)`).
        if (s.h < 0 || s.w < 0) return s.make(s.c, -1, -1);
        // torchvision: the shorter side becomes `size`, the longer keeps the aspect ratio.
        const n = ns[0]!;
        const short = Math.min(s.h, s.w);
        const long = Math.max(s.h, s.w);
        const newLong = Math.floor((n * long) / short);
        return s.h <= s.w ? s.make(s.c, n, newLong) : s.make(s.c, newLong, n);
      });
    }
    case 'CenterCrop':
    case 'RandomCrop':
    case 'RandomResizedCrop':
    case 'RandomSizedCrop':
    case 'FiveCrop':
    case 'TenCrop': {
      const hw = pair(arg(args, 0, 'size'));
      if (name === 'FiveCrop' || name === 'TenCrop') return t(() => unknown(`${name} returns a tuple of crops`, `${name} 返回多个裁剪结果`));
      return t((x) => {
        const s = spatial(x);
        return s && hw ? s.make(s.c, hw[0], hw[1]) : unknown(`${name} of an unknown size`, `${name} 的尺寸未知`);
      });
    }
    case 'Grayscale': {
      const n = asInt(arg(args, 0, 'num_output_channels')) ?? 1;
      return t((x) => {
        const s = spatial(x);
        return s ? s.make(n, s.h, s.w) : unknown('Grayscale of an unknown image', '未知图像的 Grayscale');
      });
    }
    case 'Pad': {
      const p = asInts(arg(args, 0, 'padding'));
      return t((x) => {
        const s = spatial(x);
        if (!s || !p || s.h < 0 || s.w < 0) return unknown('Pad of an unknown size', 'Pad 的尺寸未知');
        const [l, top, r, b] = p.length === 1 ? [p[0]!, p[0]!, p[0]!, p[0]!] : p.length === 2 ? [p[0]!, p[1]!, p[0]!, p[1]!] : p.length === 4 ? (p as [number, number, number, number]) : [NaN, NaN, NaN, NaN];
        return Number.isNaN(l) ? unknown('Pad of an unknown size', 'Pad 的尺寸未知') : s.make(s.c, s.h + top + b, s.w + l + r);
      });
    }
    case 'Lambda': {
      const fn = arg(args, 0, 'lambd');
      return t((x) => (fn ? invoke(fn, [x]) : unknown('transforms.Lambda', 'transforms.Lambda')));
    }
    default:
      return t(() => unknown(`transforms.${name} is not followed by the analysis`, `分析不支持 transforms.${name}`));
  }
}

function applyTransform(tr: Value, x: Value, invoke: Invoke): Value {
  if (tr.t === 'data' && tr.d.kind === 'transform') return tr.d.apply(x);
  if (tr.t === 'func') return invoke(tr, [x]);
  // `transform=to_tensor` (torchvision.transforms.functional): the ToTensor transform as a function.
  const functional = tr.t === 'ref' ? /^torchvision\.transforms(?:\.v2)?\.functional\.(to_tensor|pil_to_tensor)$/.exec(tr.name) : null;
  if (functional) return applyTransform(transform(functional[1] === 'to_tensor' ? 'ToTensor' : 'PILToTensor', { positional: [], keyword: new Map() }, invoke), x, invoke);
  return unknown('a transform the analysis does not know', '分析不认识的变换');
}

/** What DataLoader makes of one sample when it stacks `batch` of them. */
export function collate(sample: Value, batch: number): Value {
  switch (sample.t) {
    case 'tensor':
      return tensor([batch, ...sample.shape]);
    case 'num':
    case 'bool':
      return tensor([batch]);
    case 'seq':
      return { t: 'seq', items: sample.items.map((s) => collate(s, batch)), tuple: sample.tuple };
    case 'dict':
      return { t: 'dict', entries: sample.entries.map(([k, v]) => [k, collate(v, batch)]) };
    case 'data':
      if (sample.d.kind === 'image') return unknown('the dataset yields PIL images: add transforms.ToTensor()', '数据集产生 PIL 图像：请添加 transforms.ToTensor()');
      return unknown('the dataset yields something the analysis cannot batch', '数据集产生的样本无法分析');
    default:
      return sample.t === 'unknown' ? sample : unknown('the dataset sample is not known', '数据集样本未知');
  }
}

/** The class names torchvision's datasets list (`train_data.classes`), as in torchvision 0.14; CIFAR-100's hundred by count only. */
const DATASET_CLASSES: Record<string, string[] | number> = {
  MNIST: ['0 - zero', '1 - one', '2 - two', '3 - three', '4 - four', '5 - five', '6 - six', '7 - seven', '8 - eight', '9 - nine'],
  FashionMNIST: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
  KMNIST: ['o', 'ki', 'su', 'tsu', 'na', 'ha', 'ma', 'ya', 're', 'wo'],
  CIFAR10: ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'],
  CIFAR100: 100,
};

/** `dataset.classes` / `class_to_idx` of a torchvision dataset whose classes are fixed. */
function classFields(name: string): Record<string, Value> {
  const classes = DATASET_CLASSES[name];
  if (classes === undefined) return {};
  const names: Value[] = typeof classes === 'number' ? Array.from({ length: classes }, () => unknown('a CIFAR-100 class name', 'CIFAR-100 的类名', false)) : classes.map((v) => ({ t: 'str', v }));
  const fields: Record<string, Value> = { classes: { t: 'seq', items: names, tuple: false } };
  if (typeof classes !== 'number') fields.class_to_idx = { t: 'dict', entries: classes.map((c, i) => [c, num(i, true)] as [string, Value]) };
  return fields;
}

/** The MNIST-style datasets' sizes (train, test): they hold their images as one uint8 tensor. */
const MNIST_SPLITS: Record<string, [number, number]> = { MNIST: [60000, 10000], FashionMNIST: [60000, 10000], KMNIST: [60000, 10000] };

function dataset(name: string, image: [number, number, number], args: ArgList, invoke: Invoke, transformIndex: number): Value {
  const tr = args.keyword.get('transform')?.value ?? args.positional[transformIndex]?.value;
  let x: Value = data({ kind: 'image', channels: image[0], height: image[1], width: image[2] });
  if (tr && tr.t !== 'none') x = applyTransform(tr, x, invoke);
  const sample: Value = { t: 'seq', items: [x, num(0, true)], tuple: true };
  // `fmnist.data` / `.targets` (and their old names train_data, train_labels…): [N, 28, 28] images and [N] labels.
  const splits = MNIST_SPLITS[name];
  const train = arg(args, 1, 'train') ?? { t: 'bool', v: true };
  if (!splits || train.t !== 'bool') return data({ kind: 'dataset', name, sample, fields: classFields(name) });
  const n = train.v ? splits[0] : splits[1];
  const images = tensor([n, image[1], image[2]]);
  const labels = { ...tensor([n]), index: true as const };
  const fields = { data: images, train_data: images, test_data: images, targets: labels, train_labels: labels, test_labels: labels, ...classFields(name) };
  return data({ kind: 'dataset', name, sample, length: n, fields });
}

/**
 * `torchvision.datasets.*`, `torchvision.transforms.*`, `torch.utils.data.*` and argparse calls by
 * their resolved dotted name; undefined when the name is none of these.
 */
export function dataCall(name: string, args: ArgList, invoke: Invoke): Value | undefined {
  // `Image.open(path)`: a PIL image of a size and mode only the file knows (`.convert('RGB')` fixes the mode, a Resize the size).
  if (name === 'PIL.Image.open') return data({ kind: 'image', channels: -1, height: -1, width: -1 });
  // `Image.fromarray(a)`: an H×W array is one band (L, I or F by its dtype), H×W×3 RGB, H×W×4 RGBA; `mode=` names it.
  if (name === 'PIL.Image.fromarray') {
    const a = arg(args, 0, 'obj');
    const mode = arg(args, 1, 'mode');
    const shape = a?.t === 'tensor' ? a.shape : undefined;
    const bands = shape?.length === 2 ? 1 : shape?.length === 3 && (shape[2] === 3 || shape[2] === 4) ? shape[2] : undefined;
    const c = mode !== undefined && mode.t !== 'none' ? (mode.t === 'str' ? MODE_CHANNELS[mode.v] : undefined) : bands;
    if (!shape || c === undefined || args.unknownRest) return unknown('Image.fromarray() of an array the analysis cannot size', '分析无法确定尺寸的 Image.fromarray()');
    return data({ kind: 'image', channels: c, height: shape[0]!, width: shape[1]! });
  }
  const tv = /^torchvision\.transforms(?:\.v2)?(?:\.transforms)?\.(\w+)$/.exec(name);
  if (tv) return transform(tv[1]!, args, invoke);
  // `TF.resize(skip, size=x.shape[2:])` (a U-Net matching a skip to the upsampled map): the
  // transform's rule, applied to the image or tensor given first.
  const fn = /^torchvision\.transforms(?:\.v2)?\.functional\.(resize|center_crop)$/.exec(name);
  if (fn) {
    const img = arg(args, 0, 'img') ?? arg(args, 0, 'inpt');
    if (!img || args.unknownRest) return unknown(`${fn[1]}() of an input the analysis does not know`, `输入未知的 ${fn[1]}()`);
    const keyword = new Map([...args.keyword].filter(([k]) => k !== 'img' && k !== 'inpt'));
    const rest: ArgList = { positional: args.keyword.has('img') || args.keyword.has('inpt') ? args.positional : args.positional.slice(1), keyword };
    return applyTransform(transform(fn[1] === 'resize' ? 'Resize' : 'CenterCrop', rest, invoke), img, invoke);
  }
  const ds = /^torchvision\.datasets(?:\.\w+)?\.(\w+)$/.exec(name);
  if (ds) {
    const dsName = ds[1]!;
    if (dsName === 'FakeData') {
      const size = asInts(args.keyword.get('image_size')?.value ?? args.positional[1]?.value) ?? [3, 224, 224];
      const [c, h, w] = size.length === 3 ? (size as [number, number, number]) : [3, 224, 224];
      return dataset(dsName, [c, h, w], args, invoke, 3);
    }
    const image = IMAGE_DATASETS[dsName];
    // ImageFolder(root, transform): the transform is the second positional argument.
    if (image) return dataset(dsName, image, args, invoke, dsName === 'ImageFolder' ? 1 : 99);
    return unknown(`torchvision.datasets.${dsName} is not known to the analysis`, `分析不认识 torchvision.datasets.${dsName}`);
  }
  const short = name.replace(/^torch\.utils\.data(?:\.dataloader|\.dataset)?\./, 'data.');
  switch (short) {
    case 'data.DataLoader': {
      const ds = arg(args, 0, 'dataset');
      const bsV = arg(args, 1, 'batch_size');
      const bs = bsV === undefined ? 1 : asInt(bsV);
      const loader = (batch: Value): Value => data({ kind: 'loader', batch });
      // An array of unknown length whose rows' shape is known, loaded as it is: batches of its rows.
      if (ds?.t === 'unknown' && ds.rows && bs !== undefined && bs > 0 && !args.keyword.has('collate_fn') && !args.keyword.has('batch_sampler') && args.positional.length <= 2) return loader(tagSource(collate(tensor(ds.rows), bs), `DataLoader (batch_size ${bs})`));
      if (ds?.t !== 'data' || ds.d.kind !== 'dataset') return loader(ds?.t === 'unknown' ? ds : unknown('the loader\'s dataset is not known', '数据加载器的数据集未知'));
      // A batch_sampler decides each batch's size itself.
      const batchSampler = arg(args, 4, 'batch_sampler');
      if (batchSampler && batchSampler.t !== 'none') return loader(unknown('the loader\'s batch_sampler decides its batch sizes', '数据加载器的 batch_sampler 决定批大小'));
      if (bs === undefined) return loader(unknown('the batch size is not known', '批大小未知'));
      // The first batch: batch_size samples, or all of them when the dataset has fewer (none with drop_last).
      const length = ds.d.length;
      if (length === 0) return loader(unknown('the dataset is empty: the loader yields no batch', '数据集为空：数据加载器不产生批次'));
      const first = length === undefined ? bs : Math.min(bs, length);
      if (first < bs) {
        const dropLast = arg(args, 7, 'drop_last') ?? { t: 'bool', v: false };
        if (dropLast.t !== 'bool') return loader(unknown('the dataset has fewer samples than batch_size and drop_last is not known', '数据集样本数少于 batch_size 且 drop_last 未知'));
        if (dropLast.v) return loader(unknown('the dataset has fewer samples than batch_size and drop_last=True: the loader yields no batch', '数据集样本数少于 batch_size 且 drop_last=True：数据加载器不产生批次'));
      }
      const what = `${ds.d.name} DataLoader (batch_size ${bs}${first < bs ? `, ${first} samples` : ''})`;
      // The user's collate_fn makes the batch from the list of samples (padding, stacking, a dict…).
      const collateFn = arg(args, 6, 'collate_fn');
      if (collateFn && collateFn.t !== 'none') {
        if (first > MAX_COLLATED) return loader(unknown('the loader\'s collate_fn runs on more samples than the analysis follows', '数据加载器的 collate_fn 处理的样本数超出分析范围'));
        const sample = ds.d.sample;
        return loader(tagSource(invoke(collateFn, [{ t: 'seq', items: Array.from({ length: first }, () => sample), tuple: false }]), what));
      }
      return loader(tagSource(collate(ds.d.sample, first), what));
    }
    case 'data.TensorDataset': {
      // (Data of unknown length whose rows' shape is known — `X.reshape(-1, 1, 28, 28)` — gives samples of that shape.)
      const items = args.positional.map((a) => (a.value.t === 'tensor' ? tensor(a.value.shape.slice(1)) : a.value.t === 'unknown' && a.value.rows ? tensor(a.value.rows) : unknown('a TensorDataset of unknown tensors', '未知张量的 TensorDataset')));
      const first = args.positional[0]?.value;
      const length = first?.t === 'tensor' && first.shape.length > 0 && !args.unknownRest ? first.shape[0] : undefined;
      return data({ kind: 'dataset', name: 'TensorDataset', sample: { t: 'seq', items, tuple: true }, ...(length !== undefined && length >= 0 ? { length } : {}) });
    }
    case 'data.random_split': {
      const ds = arg(args, 0, 'dataset');
      const lengths = arg(args, 1, 'lengths');
      if (ds?.t !== 'data' || lengths?.t !== 'seq') return unknown('random_split', 'random_split');
      return { t: 'seq', items: splitSizes(lengths.items, ds.d.kind === 'dataset' ? ds.d.length : undefined).map((n) => withLength(ds, n)), tuple: false };
    }
    case 'data.Subset': {
      const ds = arg(args, 0, 'dataset');
      const indices = arg(args, 1, 'indices');
      const n = indices?.t === 'seq' ? indices.items.length : indices?.t === 'tensor' && indices.shape.length === 1 ? indices.shape[0] : undefined;
      return ds ? withLength(ds, n) : unknown('Subset', 'Subset');
    }
    case 'data.ConcatDataset': {
      const list = arg(args, 0, 'datasets');
      const parts = list?.t === 'seq' ? list.items : [];
      const lengths = parts.map((p) => (p.t === 'data' && p.d.kind === 'dataset' ? p.d.length : undefined));
      const total = lengths.every((l) => l !== undefined) ? lengths.reduce((a, b) => a! + b!, 0) : undefined;
      return list?.t === 'seq' && list.items[0] ? withLength(list.items[0], total) : unknown('ConcatDataset', 'ConcatDataset');
    }
    default:
      break;
  }
  if (name === 'argparse.ArgumentParser') {
    // `ArgumentParser(parents=[common()])`: the parents' options and defaults come first, copied
    // (parents made with add_help=False, as argparse needs; anything else is not followed).
    const parents = args.keyword.get('parents')?.value;
    const from = parents?.t === 'seq' && !parents.unsized ? parents.items.map((p) => (p.t === 'data' && p.d.kind === 'argparser' && p.d.info.noHelp && !p.d.info.unfollowed ? p.d : undefined)) : [];
    const info = parserInfo(args, from.length > 0 && from.every((p) => p !== undefined));
    const defaults = new Map<string, Value>();
    for (const p of from) {
      if (!p) continue;
      info.specs.push(...p.info.specs);
      for (const [k, v] of p.defaults) defaults.set(k, v);
    }
    return data({ kind: 'argparser', defaults, info });
  }
  // A namespace written out (a script's or notebook's `opt = argparse.Namespace(imgH=32, …)`): its keywords are its attributes.
  if (name === 'argparse.Namespace' || name === 'types.SimpleNamespace') {
    if (args.unknownRest) return args.unknownRest.t === 'unknown' ? args.unknownRest : unknown(`${name} of arguments the analysis cannot read`, `无法分析参数的 ${name}`);
    if (args.positional.length > 0) return unknown(`${name} takes keywords only`, `${name} 只接受关键字参数`);
    return namespace(new Map([...args.keyword].map(([k, a]) => [k, a.value])));
  }
  return undefined;
}

/** How many samples the collate_fn of a loader is run on, at most (a batch of that many copies of the sample). */
const MAX_COLLATED = 4096;

/**
 * The sizes random_split gives its parts: whole numbers as written; fractions of a dataset of
 * known length as PyTorch rounds them (each floored, the remainder one by one to the first parts).
 */
function splitSizes(lengths: Value[], total: number | undefined): (number | undefined)[] {
  if (lengths.every((l) => l.t === 'num' && l.int)) return lengths.map((l) => (l.t === 'num' ? l.v : undefined));
  const fracs = lengths.map((l) => (l.t === 'num' && l.v >= 0 && l.v <= 1 ? l.v : undefined));
  if (total === undefined || fracs.some((f) => f === undefined)) return lengths.map(() => undefined);
  // (PyTorch: math.isclose(sum, 1) and sum <= 1; else the lengths must be whole numbers.)
  const sum = fracs.reduce((a, b) => a! + b!, 0)!;
  if (sum > 1 || Math.abs(sum - 1) > 1e-9) return lengths.map(() => undefined);
  const sizes = fracs.map((f) => Math.floor(total * f!));
  const remainder = total - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; i < remainder; i++) sizes[i % sizes.length]! += 1;
  return sizes;
}

/** A dataset value with its sample count (undefined: not known). */
function withLength(ds: Value, length: number | undefined): Value {
  if (ds.t !== 'data' || ds.d.kind !== 'dataset') return ds;
  const { length: _old, ...rest } = ds.d;
  return data({ ...rest, ...(length !== undefined && length >= 0 ? { length } : {}) });
}

/** Marks the tensors of a batch as coming from this loader, for "input from the MNIST DataLoader". */
function tagSource(v: Value, what: string): Value {
  if (v.t === 'tensor') return { ...v, src: { kind: 'dataset', what } };
  if (v.t === 'seq') return { ...v, items: v.items.map((x) => tagSource(x, what)) };
  return v;
}

/** Methods of the data values: `parser.add_argument`, `parser.parse_args()`, `dataset[i]`… */
export function dataMethod(d: DataValue, name: string, args: ArgList, scriptArgs?: ScriptArgs): Value | undefined {
  if (d.kind === 'argparser') {
    switch (name) {
      case 'add_argument':
        addArgument(d, args);
        return NONE;
      case 'add_subparsers':
        d.info.unfollowed = { en: 'the parser has subcommands, which the analysis does not follow', 'zh-cn': '解析器有子命令，分析不支持' };
        return NONE;
      case 'add_argument_group':
      case 'add_mutually_exclusive_group':
        return { t: 'data', d };
      case 'set_defaults':
        for (const [k, a] of args.keyword) d.defaults.set(k, a.value);
        return NONE;
      case 'parse_args':
        return parsed(d, args, scriptArgs);
      case 'parse_known_args':
        return { t: 'seq', items: [parsed(d, args, scriptArgs), { t: 'seq', items: [], tuple: false }], tuple: true };
      default:
        return NONE; // print_help, error…
    }
  }
  if (d.kind === 'image') return imageMethod(d, name, args);
  if (d.kind === 'array') return name === 'tolist' ? { t: 'seq', items: d.values.map((v) => num(v, false)), tuple: false } : undefined;
  if (d.kind === 'transform' && name === '__call__') return d.apply(args.positional[0]?.value ?? NONE);
  if (d.kind === 'dataset' && name === '__getitem__') return d.sample;
  return undefined;
}

/** Channels of PIL's image modes. */
const MODE_CHANNELS: Record<string, number> = { '1': 1, L: 1, P: 1, I: 1, F: 1, LA: 2, RGB: 3, YCbCr: 3, LAB: 3, HSV: 3, RGBA: 4, CMYK: 4 };

/** PIL image methods that change what ToTensor makes: `convert(mode)`, `resize((w, h))`; others keep it or are not followed. */
function imageMethod(d: Extract<DataValue, { kind: 'image' }>, name: string, args: ArgList): Value | undefined {
  const same = (c: number, h: number, w: number): Value => data({ kind: 'image', channels: c, height: h, width: w });
  switch (name) {
    case 'convert': {
      const mode = arg(args, 0, 'mode');
      const c = mode?.t === 'str' ? MODE_CHANNELS[mode.v] : undefined;
      return c !== undefined && args.positional.length <= 1 ? same(c, d.height, d.width) : unknown('Image.convert() to a mode the analysis does not know', '转换为分析未知模式的 Image.convert()');
    }
    case 'resize': {
      // PIL sizes are (width, height).
      const wh = asInts(arg(args, 0, 'size'));
      return wh && wh.length === 2 && wh.every((n) => n > 0) ? same(d.channels, wh[1]!, wh[0]!) : unknown('Image.resize() of a size the analysis cannot read', '尺寸无法分析的 Image.resize()');
    }
    case 'copy': case 'load': case 'filter':
      return same(d.channels, d.height, d.width);
    case 'close': case '__exit__':
      return NONE;
    case '__enter__':
      return data(d);
    default:
      return undefined;
  }
}

/**
 * `parser.parse_args()`: the command line the script runs with (`scriptArgs`, when the person
 * gave it), or the list the code passes; with neither, the defaults.
 */
function parsed(d: Extract<DataValue, { kind: 'argparser' }>, args: ArgList, scriptArgs: ScriptArgs | undefined): Value {
  // An existing namespace keeps the attributes it has over the defaults: not followed.
  const into = args.positional[1]?.value ?? args.keyword.get('namespace')?.value;
  if (into && into.t !== 'none') return unknownNamespace(d, { en: 'parse_args(namespace=…) keeps what the namespace already holds, which the analysis does not follow', 'zh-cn': 'parse_args(namespace=…) 保留命名空间已有的值，分析不跟踪' });
  const given = args.positional[0]?.value ?? args.keyword.get('args')?.value;
  let argv: ScriptArgs | undefined = scriptArgs;
  if (given && given.t !== 'none') {
    const words = given.t === 'seq' && given.items.every((w) => w.t === 'str') ? given.items.map((w) => (w.t === 'str' ? w.v : '')) : undefined;
    // A list the analysis cannot read (`sys.argv[1:]`, a parameter): with no command line given,
    // the plain run's defaults, as before; with one, it may be that command line: unknown.
    if (!words) return scriptArgs === undefined ? namespace(d.defaults) : unknownNamespace(d, { en: 'parse_args() is given arguments the analysis does not know', 'zh-cn': 'parse_args() 的参数未知' });
    argv = words;
  }
  if (argv !== undefined && 'unreadable' in argv) return unknownNamespace(d, argv.unreadable);
  if (argv === undefined || argv.length === 0) return namespace(d.defaults);
  const r = parseArgv(d.info, d.defaults, argv);
  return r.ok ? namespace(r.values) : unknownNamespace(d, r.reason);
}

/** Every attribute unknown, for the same reason (argparse would stop, or the words cannot be paired with options). */
function unknownNamespace(d: Extract<DataValue, { kind: 'argparser' }>, reason: Msg): Value {
  const u: Value = { t: 'unknown', reason, tensorLike: false };
  return { t: 'obj', cls: 'Namespace', attrs: new Map([...d.defaults.keys()].map((k) => [k, u])) };
}

function namespace(defaults: Map<string, Value>): Value {
  // A value given on the command line is a new string, never the interned default literal.
  const fromCommandLine = (v: Value): Value => (v.t === 'str' && v.interned ? { t: 'str', v: v.v } : v);
  return { t: 'obj', cls: 'Namespace', attrs: new Map([...defaults].map(([k, v]) => [k, fromCommandLine(v)])) };
}

function addArgument(d: Extract<DataValue, { kind: 'argparser' }>, args: ArgList): void {
  const defaults = d.defaults;
  const flags = args.positional.map((a) => (a.value.t === 'str' ? a.value.v : '')).filter((f) => f !== '');
  if (args.unknownRest || flags.length !== args.positional.length) d.info.unfollowed = { en: 'an add_argument() call the analysis cannot read', 'zh-cn': '分析无法读取的 add_argument() 调用' };
  const destV = args.keyword.get('dest')?.value;
  const long = flags.find((f) => f.startsWith('--')) ?? flags.find((f) => f.startsWith('-'));
  const dest = destV?.t === 'str' ? destV.v : long ? long.replace(/^-+/, '').replace(/-/g, '_') : flags[0];
  if (!dest) return;
  const def = args.keyword.get('default')?.value;
  const action = args.keyword.get('action')?.value;
  const type = args.keyword.get('type')?.value;
  const required = args.keyword.get('required')?.value;
  let v: Value;
  if (def !== undefined) v = def;
  else if (action?.t === 'str' && action.v === 'store_true') v = { t: 'bool', v: false };
  else if (action?.t === 'str' && action.v === 'store_false') v = { t: 'bool', v: true };
  else if (!long || (required?.t === 'bool' && required.v)) v = unknown(`the command-line argument '${dest}' has no default`, `命令行参数 '${dest}' 没有默认值`);
  else v = NONE;
  // argparse converts a string default with `type` (type=int, default='64').
  // Any other type (a lambda, str2bool, `type=bool`, whose bool('False') is True) makes it what the analysis does not run: unknown, never the string.
  if (v.t === 'str' && type !== undefined && type.t !== 'none' && !(type.t === 'ref' && type.name === 'builtins.str')) {
    const given = v.v;
    if (type.t === 'ref' && type.name === 'builtins.int' && /^\s*[-+]?\d+\s*$/.test(given)) v = num(parseInt(given, 10), true);
    else if (type.t === 'ref' && type.name === 'builtins.float' && given.trim() !== '' && Number.isFinite(Number(given))) v = num(Number(given), false);
    else if (type.t === 'ref' && type.name === 'builtins.bool') v = { t: 'bool', v: given !== '' };
    else v = unknown(`argparse converts the default '${given}' of '${dest}' with type=${describeArg(type)}, which the analysis does not run`, `argparse 用 type=${describeArg(type)} 转换 '${dest}' 的默认值 '${given}'，分析不运行它`);
  }
  // Two options of one dest: argparse keeps the first default (and set_defaults may change both): not followed.
  if (d.info.specs.some((sp) => sp.dest === dest)) v = unknown(`two options share the dest '${dest}'`, `两个选项共用 dest '${dest}'`);
  defaults.set(dest, v);
  d.info.specs.push(argSpec(dest, long ? flags : [], args));
}

const ACTIONS = new Set(['store', 'store_true', 'store_false', 'store_const', 'count', 'append']);
const TYPES: Record<string, 'str' | 'int' | 'float' | 'bool'> = { 'builtins.str': 'str', 'builtins.int': 'int', 'builtins.float': 'float', 'builtins.bool': 'bool' };

/** What reading the command line needs to know of one add_argument() call. */
function argSpec(dest: string, flags: string[], args: ArgList): ArgSpec {
  const kw = (k: string): Value | undefined => args.keyword.get(k)?.value;
  const actionV = kw('action');
  const action: ArgAction = actionV === undefined ? 'store' : actionV.t === 'str' && ACTIONS.has(actionV.v) ? (actionV.v as ArgAction) : { unknown: `action ${describeArg(actionV)}` };
  const nargsV = kw('nargs');
  const nargs: ArgNargs =
    nargsV === undefined || nargsV.t === 'none' ? undefined
      : nargsV.t === 'num' && nargsV.int && nargsV.v >= 1 ? nargsV.v
        : nargsV.t === 'str' && (nargsV.v === '?' || nargsV.v === '*' || nargsV.v === '+') ? nargsV.v
          : { unknown: `nargs ${describeArg(nargsV)}` };
  const typeV = kw('type');
  const type: ArgType = typeV === undefined || typeV.t === 'none' ? 'str' : typeV.t === 'ref' && TYPES[typeV.name] ? TYPES[typeV.name]! : { unknown: describeArg(typeV) };
  const choicesV = kw('choices');
  const choices = choicesV === undefined || choicesV.t === 'none' ? undefined : choicesV.t === 'seq' && choicesV.items.every((c) => c.t === 'str' || c.t === 'num' || c.t === 'bool') ? choicesV.items : 'unknown';
  const requiredV = kw('required');
  const constV = kw('const');
  return { dest, flags, action, nargs, type, ...(choices !== undefined ? { choices } : {}), const: constV ?? NONE, required: requiredV?.t === 'bool' && requiredV.v };
}

function describeArg(v: Value): string {
  if (v.t === 'str') return `'${v.v}'`;
  if (v.t === 'ref') return v.name.replace(/^builtins\./, '');
  if (v.t === 'func') return v.f.name;
  return v.t === 'num' ? String(v.v) : 'a value the analysis does not know';
}

/** `ArgumentParser(…)` keywords that change how the command line is read. */
function parserInfo(args: ArgList, parentsFollowed = false): ArgParserInfo {
  const kw = (k: string): Value | undefined => args.keyword.get(k)?.value;
  const abbrev = kw('allow_abbrev');
  const info: ArgParserInfo = { specs: [], allowAbbrev: abbrev === undefined ? true : abbrev.t === 'bool' ? abbrev.v : undefined };
  const help = kw('add_help');
  if (help?.t === 'bool' && !help.v) info.noHelp = true;
  const prefix = kw('prefix_chars');
  const fromFile = kw('fromfile_prefix_chars');
  const parents = kw('parents');
  if (args.unknownRest || (prefix && !(prefix.t === 'str' && prefix.v === '-')) || (fromFile && fromFile.t !== 'none') || (parents && !parentsFollowed && !(parents.t === 'seq' && parents.items.length === 0))) {
    info.unfollowed = { en: 'the parser is built with parents, prefix characters or settings the analysis does not follow', 'zh-cn': '解析器使用了分析不支持的 parents、前缀字符或设置' };
  }
  return info;
}

/** What `for x in <data>` sees: one representative item (a loader's first batch), never a count. */
export function iterateData(d: DataValue): Value | undefined {
  if (d.kind === 'loader') return d.batch;
  if (d.kind === 'dataset') return d.sample;
  return undefined;
}
