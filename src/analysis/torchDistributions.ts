// torch.distributions as model code uses them: a policy's `Categorical(logits=…).sample()`, a VAE's
// `Normal(mu, std).rsample()`, feature noise from `Uniform(-r, r).sample(x.shape[1:])`. A
// distribution is an object with a batch shape (its parameters broadcast together) and an event
// shape; what it samples is `sample_shape + batch_shape + event_shape`, what log_prob gives is the
// value's shape without the event dims, broadcast with the batch. PyTorch 1.13's rules; a class or
// argument the rules below do not read is unknown, never guessed.
import { broadcast } from './shapeMath';
import { integerTensor } from './tensorValues';
import type { ArgList } from './torchLayers';
import { tensor, unknown, type Value } from './values';

/** The obj class name every distribution value carries. */
const DIST = 'torch.distributions.Distribution';

/** Parameter names of each class in order, and how the batch and event shapes come from the first given. */
const CLASSES: Record<string, { params: string[]; kind: 'elementwise' | 'last-dim-categories' | 'one-hot' | 'vector' }> = {
  Normal: { params: ['loc', 'scale'], kind: 'elementwise' },
  LogNormal: { params: ['loc', 'scale'], kind: 'elementwise' },
  Laplace: { params: ['loc', 'scale'], kind: 'elementwise' },
  Cauchy: { params: ['loc', 'scale'], kind: 'elementwise' },
  Gumbel: { params: ['loc', 'scale'], kind: 'elementwise' },
  Uniform: { params: ['low', 'high'], kind: 'elementwise' },
  Beta: { params: ['concentration1', 'concentration0'], kind: 'elementwise' },
  Gamma: { params: ['concentration', 'rate'], kind: 'elementwise' },
  Exponential: { params: ['rate'], kind: 'elementwise' },
  Poisson: { params: ['rate'], kind: 'elementwise' },
  HalfNormal: { params: ['scale'], kind: 'elementwise' },
  Bernoulli: { params: ['probs', 'logits'], kind: 'elementwise' },
  Categorical: { params: ['probs', 'logits'], kind: 'last-dim-categories' },
  OneHotCategorical: { params: ['probs', 'logits'], kind: 'one-hot' },
  Dirichlet: { params: ['concentration'], kind: 'one-hot' },
  MultivariateNormal: { params: ['loc', 'covariance_matrix', 'precision_matrix', 'scale_tril'], kind: 'vector' },
};

/** `torch.distributions.Normal`, `torch.distributions.normal.Normal`, `D.Normal` resolved: the class name, when it is one of ours. */
function className(name: string): string | undefined {
  const m = /^torch\.distributions\.(?:[a-z_]+\.)?([A-Z]\w*)$/.exec(name);
  return m && CLASSES[m[1]!] ? m[1] : undefined;
}

function shapeOf(v: Value | undefined): number[] | undefined {
  if (v?.t === 'num' || v?.t === 'bool') return [];
  return v?.t === 'tensor' ? v.shape : undefined;
}

function size(shape: number[]): Value {
  return { t: 'seq', items: shape.map((d) => ({ t: 'num', v: d, int: true })), tuple: true, size: true };
}

function shapes(d: Value & { t: 'obj' }): { batch: number[]; event: number[]; kind: string } | undefined {
  const b = d.attrs.get('batch_shape');
  const e = d.attrs.get('event_shape');
  const k = d.attrs.get('__kind__');
  const ints = (v: Value | undefined): number[] | undefined => (v?.t === 'seq' && v.items.every((x) => x.t === 'num') ? v.items.map((x) => (x as { v: number }).v) : undefined);
  const batch = ints(b);
  const event = ints(e);
  return batch && event && k?.t === 'str' ? { batch, event, kind: k.v } : undefined;
}

/** A distribution made by `torch.distributions.X(…)`, or undefined when `name` is not one the rules cover. */
export function distributionCall(name: string, args: ArgList): Value | undefined {
  const cls = className(name);
  if (!cls) return undefined;
  const spec = CLASSES[cls]!;
  const no = (why: string): Value => unknown(`${cls}(…): ${why}`, `${cls}(…)：${why}`, false);
  if (args.unknownRest) return no('arguments the analysis cannot read');
  const given = new Map<string, Value>();
  args.positional.forEach((a, i) => {
    const p = spec.params[i];
    if (p) given.set(p, a.value);
  });
  for (const [k, a] of args.keyword) {
    if (!spec.params.includes(k) && k !== 'validate_args') return no(`an argument ${k}= it does not take`);
    given.set(k, a.value);
  }
  given.delete('validate_args');
  if (args.positional.length > spec.params.length) return no('more arguments than it takes');
  // probs or logits, exactly one (both, or neither, is PyTorch's ValueError); every other class needs all its parameters.
  const present = spec.params.filter((p) => given.has(p) && given.get(p)!.t !== 'none');
  const choice = cls === 'Bernoulli' || cls === 'Categorical' || cls === 'OneHotCategorical';
  if (choice ? present.length !== 1 : cls === 'MultivariateNormal' ? !given.has('loc') || present.length !== 2 : present.length !== spec.params.length) return no('its parameters as PyTorch requires them');
  const shapesGiven: number[][] = [];
  for (const [, v] of given) {
    if (v.t === 'none') continue;
    const s = shapeOf(v);
    if (!s) return no('a parameter whose shape is not known');
    shapesGiven.push(s);
  }
  if (shapesGiven.length === 0) return no('no parameters');
  let batch: number[];
  let event: number[] = [];
  if (spec.kind === 'elementwise') {
    let b: number[] | undefined = [];
    for (const s of shapesGiven) b = b && broadcast(b, s);
    if (!b) return no('parameters whose shapes do not broadcast');
    batch = b;
  } else if (spec.kind === 'vector') {
    // loc [..., k] with a [..., k, k] matrix: the batch is both leading parts broadcast.
    const loc = shapeOf(given.get('loc'));
    const mat = shapesGiven.find((s) => s !== loc && s.length >= 2);
    if (!loc || loc.length === 0 || !mat) return no('loc and a matrix of known shapes');
    const k = loc[loc.length - 1]!;
    if (mat[mat.length - 1] !== k || mat[mat.length - 2] !== k) return no(`a ${mat.length}-D matrix that is not ${k} × ${k}`);
    const b = broadcast(loc.slice(0, -1), mat.slice(0, -2));
    if (!b) return no('loc and the matrix do not broadcast');
    batch = b;
    event = [k];
  } else {
    // Categorical / OneHotCategorical / Dirichlet: the last dim holds the categories.
    if (shapesGiven.length !== 1) return no('both probs and logits');
    const s = shapesGiven[0]!;
    if (s.length === 0) return no('a 0-d parameter (it needs a dim of categories)');
    batch = s.slice(0, -1);
    if (spec.kind === 'one-hot') event = [s[s.length - 1]!];
  }
  const whole = [...batch, ...event];
  return {
    t: 'obj',
    cls: DIST,
    attrs: new Map<string, Value>([
      ['__kind__', { t: 'str', v: cls }],
      ['batch_shape', size(batch)],
      ['event_shape', size(event)],
      ...(spec.kind === 'last-dim-categories' ? [] : (['mean', 'stddev', 'variance'] as const).map((k): [string, Value] => [k, tensor(whole)])),
    ]),
  };
}

/** The methods distributionMethod answers (read as `dist.sample`, then called). */
export const DISTRIBUTION_METHODS = new Set(['sample', 'rsample', 'sample_n', 'log_prob', 'entropy', 'cdf', 'icdf']);

export function isDistribution(v: Value): boolean {
  return v.t === 'obj' && v.cls === DIST;
}

/** A method of a distribution value: sample / rsample / sample_n / log_prob / entropy / cdf / icdf. undefined: not a distribution. */
export function distributionMethod(recv: Value, name: string, args: ArgList): Value | undefined {
  if (recv.t !== 'obj' || recv.cls !== DIST) return undefined;
  const d = shapes(recv);
  if (!d) return undefined;
  const no = (why: string): Value => unknown(`${d.kind}.${name}(…): ${why}`, `${d.kind}.${name}(…)：${why}`);
  if (args.unknownRest) return no('arguments the analysis cannot read');
  const integers = d.kind === 'Categorical';
  // What PyTorch 1.13 implements for each: discrete ones have no rsample; cdf / icdf / entropy only where written.
  const implemented: Record<string, readonly string[]> = {
    rsample: ['Normal', 'LogNormal', 'Laplace', 'Cauchy', 'Gumbel', 'Uniform', 'Beta', 'Gamma', 'Exponential', 'HalfNormal', 'Dirichlet', 'MultivariateNormal'],
    cdf: ['Normal', 'LogNormal', 'Laplace', 'Cauchy', 'Gumbel', 'Uniform', 'Exponential', 'HalfNormal'],
    icdf: ['Normal', 'LogNormal', 'Laplace', 'Cauchy', 'Gumbel', 'Uniform', 'Exponential', 'HalfNormal'],
    entropy: ['Normal', 'LogNormal', 'Laplace', 'Cauchy', 'Gumbel', 'Uniform', 'Beta', 'Gamma', 'Exponential', 'HalfNormal', 'Bernoulli', 'Categorical', 'OneHotCategorical', 'Dirichlet', 'MultivariateNormal'],
  };
  if (implemented[name] && !implemented[name]!.includes(d.kind)) return no('not implemented by PyTorch 1.13 for it');
  if (name === 'sample' || name === 'rsample') {
    const given = args.positional[0]?.value ?? args.keyword.get('sample_shape')?.value;
    // torch.Size(sample_shape): a tuple, list or Size of ints (a plain int is a TypeError).
    const sample = given === undefined ? [] : given.t === 'seq' && given.items.every((x) => x.t === 'num' && x.int) ? given.items.map((x) => (x as { v: number }).v) : undefined;
    if (!sample) return no('a sample shape the analysis cannot read');
    const out = tensor([...sample, ...d.batch, ...d.event]);
    return integers ? integerTensor(out, true) : out;
  }
  if (name === 'sample_n') {
    const n = args.positional[0]?.value;
    if (n?.t !== 'num' || !n.int) return no('a count the analysis cannot read');
    const out = tensor([n.v, ...d.batch, ...d.event]);
    return integers ? integerTensor(out, true) : out;
  }
  if (name === 'entropy') return tensor(d.batch);
  if (name === 'log_prob' || name === 'cdf' || name === 'icdf') {
    // (A tensor: PyTorch reads the value's dtype and shape, a plain number has neither.)
    const given = args.positional[0]?.value ?? args.keyword.get('value')?.value;
    const v = given?.t === 'tensor' ? given.shape : undefined;
    if (!v) return no('a value whose shape is not known');
    if (v.length < d.event.length || v.slice(v.length - d.event.length).join() !== d.event.join()) return no(`a value of shape [${v.join(', ')}] whose last dims are not the event shape [${d.event.join(', ')}]`);
    const lead = v.slice(0, v.length - d.event.length);
    const b = broadcast(lead, d.batch);
    if (!b) return no(`a value of shape [${v.join(', ')}] that does not broadcast with the batch [${d.batch.join(', ')}]`);
    return tensor(name === 'log_prob' ? b : [...b, ...d.event]);
  }
  return undefined;
}
