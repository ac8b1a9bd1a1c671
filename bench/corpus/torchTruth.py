"""What real PyTorch computes for the models of one public model file (the corpus measurement).

Runs the file the way its author does (as __main__, command-line defaults), with global forward
hooks on every module (and a wrapper on each class's forward for layers called as
`.forward(x)`, which hooks miss); each outermost module call (a "root": the model) records its input
shapes, and every submodule's output shape per call and its parameter count. The run stops at the first
backward pass (a training loop has then run every model it needs) or after a time limit.
Datasets are replaced by random images of the real sizes (MNIST 28x28 grey, CIFAR 32x32 RGB...):
nothing is downloaded. Imports this machine lacks become inert stubs, so a file that only needs
them for plotting still runs.

argv: FILE (.py, or .ipynb: its code cells in order) [--build PYTHON] [--argv ARG ...]
  --build  code run in the file's namespace after it (or instead of a main block that never runs
           a model), e.g. "m = Net(); m(torch.zeros(1, 1, 28, 28))"
stdout: JSON {"roots": [...], "error": str | null}
"""
import builtins
import functools
import importlib
import importlib.abc
import importlib.machinery
import inspect
import json
import os
import re
import signal
import sys
import types
import weakref
from unittest import mock

import torch

SHIMS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "test", "fixtures", "shims")
TIME_LIMIT_S = 90
# Packages whose module classes are the library's, not the code's (their methods are not model runs).
LIBRARY_ROOTS = {"torch", "torchvision", "torchaudio", "timm", "transformers", "einops", "pytorch_lightning", "lightning"}
FAKE_LENGTH = 512



def tensors_in(value):
    """The tensors in an argument (a tuple's or list's, nested ones included), in order. A numpy
    array the model converts itself (`torch.from_numpy(x)` in forward) is an input as a tensor is."""
    if isinstance(value, torch.Tensor) or (type(value).__module__ == "numpy" and type(value).__name__ == "ndarray"):
        return [value]
    if isinstance(value, (tuple, list)):
        return [t for v in value for t in tensors_in(v)]
    return []

def logical_line_starts(text):
    """Which lines begin a logical line (IPython reads `%` / `!` as a magic only there), as
    notebook.ts's logicalLineStarts: not inside brackets, a triple-quoted string, after a backslash."""
    starts = []
    depth, quote, continued = 0, "", False
    for line in text.split("\n"):
        starts.append(depth == 0 and quote == "" and not continued)
        continued = False
        i = 0
        while i < len(line):
            ch = line[i]
            if quote:
                if ch == "\\":
                    i += 1
                elif line.startswith(quote, i):
                    i += len(quote) - 1
                    quote = ""
            elif ch == "#":
                break
            elif ch in "\"'":
                quote = ch * 3 if line.startswith(ch * 3, i) else ch
                if len(quote) == 3:
                    i += 2
            elif ch in "([{":
                depth += 1
            elif ch in ")]}":
                depth = max(0, depth - 1)
            elif ch == "\\" and i == len(line) - 1:
                continued = True
            i += 1
        if len(quote) == 1:
            quote = ""
    return starts


def notebook_program(path):
    """A notebook's code cells as one script, as src/analysis/notebook.ts reads them (the same lines):
    IPython lines (`%matplotlib`, `!pip`) become `pass` statements with the line as a comment (a
    block of only such lines stays a block, as IPython runs it), a foreign cell magic blanks its cell."""
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    parts = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else str(source)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        magic = re.match(r"\s*%%(\w+)", text)
        if magic and magic.group(1) not in ("time", "timeit", "capture", "prun"):
            text = re.sub(r"[^\n]", " ", text)
        else:
            text = "\n".join(re.sub(r"^([ \t]*)[%!]", r"\1pass  #", line) if start else line for line, start in zip(text.split("\n"), logical_line_starts(text)))
        parts.append(text)
    return "\n".join(parts)


class StopRun(BaseException):
    """Ends the file's run: not an Exception, so the file's own `except Exception` cannot eat it."""


OPTIONAL_ACCELERATORS = {"apex", "flash_attn", "xformers", "triton", "deepspeed", "bitsandbytes"}


class StubFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Turns imports that fail here (matplotlib, gym, tqdm...) into MagicMock modules."""

    def __init__(self, real_roots, corpus_dir):
        self.real_roots = real_roots
        self.corpus_dir = corpus_dir

    def imported_by_corpus_code(self):
        # Libraries probe optional imports themselves (and fall back): only the model file's own
        # imports are stubbed.
        frame = sys._getframe(2)
        while frame is not None:
            fn = frame.f_code.co_filename
            if not fn.startswith("<frozen") and "importlib" not in fn:
                return fn.startswith(self.corpus_dir) or fn == "<build>"
            frame = frame.f_back
        return False

    def find_spec(self, name, path, target=None):
        root = name.split(".")[0]
        # Optional accelerators code probes with `try: import apex … except ImportError:`: a user
        # without them gets the fallback (torch's LayerNorm), so does the run here.
        if root in OPTIONAL_ACCELERATORS:
            return None
        if root in self.real_roots or not self.imported_by_corpus_code():
            return None
        for finder in sys.meta_path:
            if finder is self:
                continue
            try:
                spec = finder.find_spec(name, path, target)
            except Exception:
                spec = None
            if spec is not None:
                return None
        return importlib.machinery.ModuleSpec(name, self, is_package=True)

    def create_module(self, spec):
        m = mock.MagicMock(name=spec.name)
        m.__path__ = []
        m.__spec__ = spec
        m.__name__ = spec.name
        m.__all__ = []
        return m

    def exec_module(self, module):
        pass


def keep_root(module_name):
    """Models: classes of the measured file or its repository, and torch.nn modules used as a model
    (`model = nn.Sequential(...)`, `nn.Linear(1, 1)`); not losses or torchvision transforms."""
    if module_name.startswith("torch.nn.modules."):
        return not module_name.startswith("torch.nn.modules.loss")
    return not module_name.startswith(("torch.", "torchvision.transforms", "torchvision.ops"))


def first_tensor(out):
    while isinstance(out, (tuple, list)) and out:
        out = out[0]
    if isinstance(out, dict) and out:
        return first_tensor(next(iter(out.values())))
    return out if isinstance(out, torch.Tensor) else None


def shape_of(out):
    t = first_tensor(out)
    return list(t.shape) if t is not None else None


def fake_datasets():
    """torchvision's datasets replaced by random images of the real size and mode."""
    try:
        import torchvision.datasets as tvd
        from PIL import Image
    except Exception:
        return
    import numpy as np

    def make(size, mode, classes, splits=None):
        class Fake(torch.utils.data.Dataset):
            def __init__(self, root=None, train=True, transform=None, target_transform=None, download=False, *a, **k):
                self.transform = transform
                self.target_transform = target_transform
                self.classes = [str(i) for i in range(classes)]
                # The MNIST family holds its real number of images as tensors (`.data` uint8 [N, 28, 28],
                # `.targets` int64 [N], and their old names); the others as numpy and a list.
                # (Each dataset as long as the real one: a batch_size above 512 is a real batch. SVHN
                # and STL10 name their part `split=`.)
                if "split" in k:
                    train = k["split"] != "test"
                elif isinstance(train, str):
                    train = train != "test"
                self.length = (splits[0] if train else splits[1]) if splits else FAKE_LENGTH
                if mode == "L" and splits:
                    self.data = torch.zeros((self.length, size, size), dtype=torch.uint8)
                    self.targets = torch.arange(self.length) % classes
                else:
                    self.targets = [i % classes for i in range(self.length)]
                    self.data = np.zeros((self.length, size, size) if mode == "L" else (self.length, size, size, 3), dtype=np.uint8)

            train_data = test_data = property(lambda self: self.data)
            train_labels = test_labels = property(lambda self: self.targets)

            def __len__(self):
                return self.length

            def __getitem__(self, i):
                # (Past the end: IndexError, which ends `for img, label in dataset` as a real one does.)
                if int(i) >= self.length or int(i) < -self.length:
                    raise IndexError(i)
                rng = np.random.default_rng(int(i))
                arr = rng.integers(0, 255, (size, size) if mode == "L" else (size, size, 3), dtype=np.uint8)
                img = Image.fromarray(arr, mode=mode)
                y = i % classes
                if self.transform is not None:
                    img = self.transform(img)
                if self.target_transform is not None:
                    y = self.target_transform(y)
                return img, y

        return Fake

    class FakeImageFolder(torch.utils.data.Dataset):
        """A folder of photos: RGB images of one size that is neither square nor a usual input size,
        so that only a transform fixing the size (a crop) gives a known one."""

        def __init__(self, root=None, transform=None, target_transform=None, *a, **k):
            self.transform = transform
            self.target_transform = target_transform
            self.classes = ["a", "b"]
            self.targets = [i % 2 for i in range(FAKE_LENGTH)]

        def __len__(self):
            return FAKE_LENGTH

        def __getitem__(self, i):
            if int(i) >= FAKE_LENGTH or int(i) < -FAKE_LENGTH:
                raise IndexError(i)
            rng = np.random.default_rng(int(i))
            img = Image.fromarray(rng.integers(0, 255, (75, 110, 3), dtype=np.uint8), mode="RGB")
            y = i % 2
            if self.transform is not None:
                img = self.transform(img)
            if self.target_transform is not None:
                y = self.target_transform(y)
            return img, y

    tvd.ImageFolder = FakeImageFolder
    mnist = (60000, 10000)
    for name, size, mode, classes, splits in [("MNIST", 28, "L", 10, mnist), ("FashionMNIST", 28, "L", 10, mnist), ("KMNIST", 28, "L", 10, mnist), ("EMNIST", 28, "L", 26, None),
                                              ("CIFAR10", 32, "RGB", 10, (50000, 10000)), ("CIFAR100", 32, "RGB", 100, (50000, 10000)), ("SVHN", 32, "RGB", 10, (73257, 26032)), ("STL10", 96, "RGB", 10, (5000, 8000))]:
        setattr(tvd, name, make(size, mode, classes, splits))


class Recorder:
    def __init__(self, file_path):
        self.file_path = os.path.abspath(file_path)
        self.stack = []
        self.kept = []
        self.class_lines = {}  # class -> line of its class statement in the file
        self.roots = {}  # id(root) -> entry
        self.order = []
        self.paths = {}  # id(module) -> [(root id, path)]
        self.root_modules = {}  # id(root) -> the root module
        self.not_in = set()  # (root id, module id) a made module was looked for under and is not
        self.calls = {}  # (root id, path) -> [shapes]
        # module -> the file's module-level functions on the stack when it was built, innermost
        # first (`_resnet`, `resnet18`): the factory that made a model names it.
        self.built_by = weakref.WeakKeyDictionary()
        # module -> the line of the file's own top-level code that built it (`blk = Residual(3, 6)`).
        self.built_at = weakref.WeakKeyDictionary()
        self.namespace = None
        self.in_method = None  # the module whose method the code runs as its model (see method_root)

    def method_root(self, module, inputs, method):
        """A model the code runs through another of its methods (`z = vae.encode(x)`), outside any
        module's call: a root recorded with that method's input, unless it was recorded before.
        The first run of each other method (`decode`, `project` after `encode`) is recorded on it
        too, up to 8, as the analysis runs them (its calls follow the first method's)."""
        if not tensors_in(inputs):
            return None
        known = self.roots.get(id(module))
        if known is not None:
            seen = known.setdefault("methods", [known["method"]]) if known.get("method") else None
            if seen is None or not known["done"] or known.get("failed") or method in seen or len(seen) > 8:
                return None
            seen.append(method)
            known["_active"] = True
            return known
        var = self.name_of(module)
        if var is None:
            return None
        entry = self.register(module, inputs, var)
        entry["method"] = method
        return entry

    def end_method(self, module, output, failed=False):
        entry = self.roots.get(id(module))
        if entry is None or not entry.get("method") or not entry.get("_active"):
            return
        entry["_active"] = False
        later = len(entry.get("methods", [])) > 1
        if failed:
            # (A later method that raises leaves the first's run as it was.)
            if not later:
                entry["failed"] = True
            return
        # The model's output is its first method's, as the analysis reads it.
        if not later:
            entry["output"] = shape_of(output)
        entry["done"] = True
        self.settle(entry, id(module))

    def note_built(self, module):
        if self.namespace is None or module in self.built_by:
            return
        names = []
        frame = sys._getframe(2)
        while frame is not None:
            code = frame.f_code
            if frame.f_globals is self.namespace and code.co_filename == self.file_path and code.co_name == "<module>":
                self.built_at[module] = frame.f_lineno
            if frame.f_globals is self.namespace and code.co_filename == self.file_path and code.co_name != "<module>":
                fn = self.namespace.get(code.co_name)
                if fn is not None and getattr(inspect.unwrap(fn), "__code__", None) is code:
                    names.append(code.co_name)
            frame = frame.f_back
        self.built_by[module] = names

    def name_of(self, root):
        """The class name, or for a container (nn.Sequential) the variable the calling code binds it to."""
        cls = type(root)
        if not cls.__module__.startswith("torch.nn.modules."):
            return cls.__name__
        # The file's own top-level name for it first (`mlp_model`, as the analysis names it), not
        # the parameter of the function running it (`def train(model)`).
        for k, v in list((self.namespace or {}).items()):
            if v is root and not k.startswith("_"):
                return k
        torch_dir = os.path.dirname(torch.__file__)
        frame = sys._getframe(1)
        while frame is not None:
            fn = frame.f_code.co_filename
            if not fn.startswith(torch_dir) and fn != __file__:
                for scope in (frame.f_locals, frame.f_globals):
                    for k, v in list(scope.items()):
                        if v is root and not k.startswith("_") and k != "self":
                            return k
            frame = frame.f_back
        return None

    def register(self, module, inputs, var):
        entry = {
            "class": type(module).__name__,
            "classModule": type(module).__module__,
            "variable": var,
            # Tensors inside a tuple or list argument (`m((mel, audio))`) count too, in order.
            "inputs": [list(t.shape) for t in tensors_in(inputs)],
            "inputDtypes": [str(t.dtype) for t in tensors_in(inputs)],
            "nested": any(not isinstance(a, torch.Tensor) and tensors_in(a) for a in inputs),
            # Positional arguments of the call, tensors or not: the shapes above are these
            # arguments in order only when the two counts agree.
            "positional": len(inputs),
            "modules": {},
            "total": sum(p.numel() for p in module.parameters()),
            "output": None,
            "done": False,
            "factories": self.built_by.get(module, []),
        }
        # The module-level name that holds it when it first runs (`m = Model(opt); m(x)`).
        binding = next((k for k, v in list((self.namespace or {}).items()) if v is module and not k.startswith("_")), None)
        if binding is not None:
            entry["binding"] = binding
        if module in self.built_at:
            entry["builtAtLine"] = self.built_at[module]
        # A class decorator's subclass keeping the name (a persistence wrapper, defined inside the
        # decorator) stands for the decorated class: its line is that class statement's.
        cls = type(module)
        named = next((k for k in cls.__mro__ if k in self.class_lines and k.__name__ == cls.__name__ and "<locals>" not in k.__qualname__), None)
        if named is not None or cls in self.class_lines:
            entry["classLine"] = self.class_lines[named if named is not None else cls]
        self.roots[id(module)] = entry
        self.root_modules[id(module)] = module
        # Held so that its id is not given to another module after it is dropped (`Block(64)(x)`).
        self.kept.append(module)
        self.order.append(id(module))
        for path, sub in module.named_modules():
            if path == "":
                continue
            self.paths.setdefault(id(sub), []).append((id(module), path))
            entry["modules"][path] = {"params": sum(p.numel() for p in sub.parameters()), "kind": type(sub).__name__, "calls": []}
        # One module object under several paths (`act=nn.ReLU()` as a default argument, shared
        # by every block): named_modules lists it once; the other paths hold it too.
        aliases = [path for path, _ in module.named_modules(remove_duplicate=False) if path and path not in entry["modules"]]
        if aliases:
            entry["aliases"] = aliases
        entry["_active"] = True
        return entry

    def walked_from(self, module):
        """`for layer in net: X = layer(X)` at top level (d2l's notebooks): the layers of a
        module-level nn.Sequential called one by one are that Sequential's run, its input the first
        layer's (the Sequential itself is never called)."""
        for rid, _path in self.paths.get(id(module), []):
            e = self.roots.get(rid)
            if e is not None and e.get("walked") and e.get("_active"):
                return e
        for k, v in list((self.namespace or {}).items()):
            if isinstance(v, torch.nn.Sequential) and len(v) > 0 and v[0] is module and id(v) not in self.roots and not k.startswith("_"):
                entry = self.register(v, self._pending_inputs, k)
                entry["walked"] = True
                entry["_last"] = id(v[len(v) - 1])
                return entry
        return None

    def adopt(self, module):
        """A module made during its root's first call (BYOL's projector, built on first use and
        set on the wrapper): its path under each active root, so its calls and parameters count."""
        for rid, entry in self.roots.items():
            if not entry.get("_active") or (rid, id(module)) in self.not_in:
                continue
            root = self.root_modules.get(rid)
            found = [path for path, sub in (root.named_modules(remove_duplicate=False) if root is not None else []) if sub is module and path]
            if not found:
                self.not_in.add((rid, id(module)))
                continue
            for path in found:
                self.paths.setdefault(id(module), []).append((rid, path))
                entry["modules"].setdefault(path, {"params": sum(p.numel() for p in module.parameters()), "kind": type(module).__name__, "calls": []})

    def settle(self, entry, rid):
        """The root's first call is over: the modules it holds now (those made during the call too)
        and their parameter counts, as the finished model has them."""
        root = self.root_modules.get(rid)
        if root is None:
            return
        entry["total"] = sum(p.numel() for p in root.parameters())
        for path, sub in root.named_modules():
            if path:
                m = entry["modules"].setdefault(path, {"kind": type(sub).__name__, "calls": []})
                m["params"] = sum(p.numel() for p in sub.parameters())

    def pre(self, module, inputs):
        if not self.stack and isinstance(module, (torch.nn.DataParallel, torch.nn.parallel.DistributedDataParallel)):
            # `nn.DataParallel(model)(x)`: a wrapper; the model it runs with the same arguments is the root.
            return
        if self.in_method is not None and not self.stack and module is not self.in_method:
            # A module the model's method runs (`self.encoder(x)` in `finetune`): part of that run, not a model.
            if id(module) not in self.paths:
                self.adopt(module)
            self.stack.append(module)
            return
        through = self.roots.get(id(module))
        if through is not None and through.get("method") and not self.stack:
            # The model is called after all (by the method itself, `generate` running `self(idx)`, or
            # later): its first call is the model's run, as the analysis takes it.
            through.update(inputs=[list(t.shape) for t in tensors_in(inputs)], inputDtypes=[str(t.dtype) for t in tensors_in(inputs)],
                           nested=any(not isinstance(a, torch.Tensor) and tensors_in(a) for a in inputs), positional=len(inputs),
                           output=None, done=False, failed=False, _active=True)
            del through["method"]
            for m in through["modules"].values():
                m["calls"] = []
            self.stack.append(module)
            return
        if self.stack and id(module) not in self.paths:
            self.adopt(module)
        failed = self.roots.get(id(module))
        if failed is not None and failed.get("failed") and not failed["done"] and not self.stack:
            # Its earlier calls raised (a stubbed tokenizer gave an empty batch): this call is the
            # first that counts, with its own input and calls.
            failed.update(inputs=[list(t.shape) for t in tensors_in(inputs)], inputDtypes=[str(t.dtype) for t in tensors_in(inputs)],
                          nested=any(not isinstance(a, torch.Tensor) and tensors_in(a) for a in inputs), positional=len(inputs), failed=False, _active=True)
            for m in failed["modules"].values():
                m["calls"] = []
            self.stack.append(module)
            return
        if not self.stack and id(module) not in self.roots:
            self._pending_inputs = inputs
            if self.walked_from(module) is not None:
                self.stack.append(module)
                return
            var = self.name_of(module)
            if var is None:
                # A torch layer called on its own inside other code (`self.relu(x)` in a method
                # that is not forward): not a model of the file.
                self.stack.append(module)
                return
            self.register(module, inputs, var)
        self.stack.append(module)

    def post(self, module, inputs, output):
        if self.stack and self.stack[-1] is module:
            self.stack.pop()
        shape = shape_of(output)
        for rid, path in self.paths.get(id(module), []):
            entry = self.roots.get(rid)
            if entry is not None and entry.get("_active"):
                entry["modules"][path]["calls"].append(shape)
                # The last layer of a Sequential walked layer by layer: its output is the Sequential's.
                if entry.get("walked") and entry.get("_last") == id(module) and not self.stack and not entry["done"]:
                    entry["output"] = shape
                    entry["done"] = True
                    entry["_active"] = False
        entry = self.roots.get(id(module))
        if entry is not None and entry.get("_active") and not self.stack:
            entry["output"] = shape
            entry["_active"] = False
            entry["done"] = True
            self.settle(entry, id(module))

    def result(self):
        out = []
        for rid in self.order:
            e = dict(self.roots[rid])
            if not keep_root(e["classModule"]):
                continue
            if e.get("failed") and not e["done"]:
                continue  # every call of it raised: PyTorch computed nothing to compare with
            e.pop("_active", None)
            e.pop("failed", None)
            e.pop("walked", None)
            e.pop("_last", None)
            out.append(e)
        return out


def main():
    args = sys.argv[1:]
    file_path = os.path.abspath(args[0])
    build = None
    argv = []
    i = 1
    while i < len(args):
        if args[i] == "--build":
            build = args[i + 1]
            i += 2
        elif args[i] == "--argv":
            argv = args[i + 1:]
            break
        else:
            i += 1
    torch.set_num_threads(1)
    torch.manual_seed(0)
    sys.path.insert(0, SHIMS)
    # timm, where the unit tests unpacked the machine's wheel (test/unit/analysisSupport.ts): model
    # files import its DropPath and helpers, which then run as the user's installed timm runs them.
    timm_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".cache", "timm")
    if os.path.isdir(timm_dir):
        sys.path.append(timm_dir)
    file_dir = os.path.dirname(file_path)
    sys.path.insert(0, file_dir)
    # Packages the file imports from its repository (`from models import *`, `from .parts import`).
    parent = os.path.dirname(file_dir)
    sys.path.insert(1, parent)
    real = {"torch", "torchvision", "numpy", "PIL", "einops", "typing", "dataclasses", "collections", "math", "functools", "json", "os", "sys", "abc", "enum", "itertools", "re", "copy", "random", "time", "argparse", "inspect", "tqdm"}
    sys.meta_path.append(StubFinder(real, parent))
    # torch.utils.tensorboard imports the tensorboard package, which this machine lacks: logging
    # only, so it is an inert stub (scripts that log their runs still run).
    try:
        importlib.import_module("torch.utils.tensorboard")
    except Exception:
        board = mock.MagicMock(name="torch.utils.tensorboard")
        board.__path__ = []
        sys.modules["torch.utils.tensorboard"] = board
    fake_datasets()
    orig_init = torch.utils.data.DataLoader.__init__

    def loader_init(self, *a, **k):
        k["num_workers"] = 0
        k.pop("persistent_workers", None)
        k.pop("prefetch_factor", None)
        orig_init(self, *a, **k)

    torch.utils.data.DataLoader.__init__ = loader_init
    torch.cuda.is_available = lambda: False
    # `model.cuda()` / `x.cuda()` in a file's own run (written for a GPU): the same shapes on the CPU here.
    torch.nn.Module.cuda = lambda self, device=None: self
    torch.Tensor.cuda = lambda self, *a, **k: self
    if not hasattr(torch, "accelerator"):
        # Newer example scripts ask torch 2.x for its accelerator; on this CPU there is none.
        torch.accelerator = types.SimpleNamespace(is_available=lambda: False, current_accelerator=lambda: None)
    torch.save = lambda *a, **k: None
    rec = Recorder(file_path)
    orig_module_init = torch.nn.Module.__init__

    # Modules inside a call (through __call__, or a direct `.forward(x)` already recorded): a
    # forward they run for themselves (`super().forward(x)`) is not a second call.
    in_call = set()
    wrapped_classes = set()
    method_classes = set()

    def record_direct_forward(cls):
        # `self.conv.forward(x)` runs a layer without its hooks (CIFAR-ZOO writes every call so):
        # each class's forward records such a direct call as the hooks record an ordinary one.
        for k in cls.__mro__:
            if k not in method_classes:
                method_classes.add(k)
                record_method_runs(k)
            f = k.__dict__.get("forward")
            if k in wrapped_classes or k is torch.nn.Module or not inspect.isfunction(f) or issubclass(k, torch.jit.ScriptModule):
                continue
            wrapped_classes.add(k)

            def make(f):
                @functools.wraps(f)
                def forward(self, *a, **kw):
                    if id(self) in in_call:
                        return f(self, *a, **kw)
                    in_call.add(id(self))
                    depth = len(rec.stack)
                    try:
                        rec.pre(self, a)
                        out = f(self, *a, **kw)
                        rec.post(self, a, out)
                        return out
                    except BaseException:
                        unwind(depth)
                        raise
                    finally:
                        in_call.discard(id(self))
                return forward

            setattr(k, "forward", make(f))

    def record_method_runs(k):
        # A workspace model run through another of its methods at top level (`z = vae.encode(x)`):
        # that run is the model's (see Recorder.method_root). Library classes are left alone.
        if k is object or (k.__module__ or "").split(".")[0] in LIBRARY_ROOTS:
            return
        for name, f in list(k.__dict__.items()):
            if name.startswith("_") or name == "forward" or not inspect.isfunction(f) or hasattr(torch.nn.Module, name):
                continue

            def make(f, name):
                @functools.wraps(f)
                def method(self, *a, **kw):
                    if rec.stack or rec.in_method is not None or id(self) in in_call or rec.method_root(self, a, name) is None:
                        return f(self, *a, **kw)
                    rec.in_method = self
                    try:
                        out = f(self, *a, **kw)
                    except BaseException:
                        rec.end_method(self, None, failed=True)
                        raise
                    finally:
                        rec.in_method = None
                    rec.end_method(self, out)
                    return out
                return method

            setattr(k, name, make(f, name))

    def module_init(self, *a, **k):
        orig_module_init(self, *a, **k)
        rec.note_built(self)
        if type(self) not in wrapped_classes:
            record_direct_forward(type(self))

    torch.nn.Module.__init__ = module_init

    def stop_backward(*a, **k):
        raise StopRun()

    torch.Tensor.backward = stop_backward
    torch.autograd.backward = stop_backward

    def alarm(*_):
        raise StopRun()

    signal.signal(signal.SIGALRM, alarm)
    signal.alarm(TIME_LIMIT_S)
    original_call = torch.nn.Module.__call__

    def unwind(depth):
        for m in rec.stack[depth:]:
            e = rec.roots.get(id(m))
            if e is not None and e.get("_active"):
                e["_active"] = False
                e["failed"] = True
        del rec.stack[depth:]

    # Exceptions that came out of a module's call (the stack is unwound by then, so it cannot tell).
    raised_in_module = set()

    def guarded_call(module, *a, **k):
        # A call that raises runs no post hook: the modules it left on the stack go, and a model
        # whose call raised is recorded again by its next call.
        depth = len(rec.stack)
        outer = id(module) in in_call
        in_call.add(id(module))
        try:
            return original_call(module, *a, **k)
        except BaseException as e:
            raised_in_module.add(id(e))
            unwind(depth)
            raise
        finally:
            if not outer:
                in_call.discard(id(module))

    torch.nn.Module.__call__ = guarded_call
    h1 = torch.nn.modules.module.register_module_forward_pre_hook(rec.pre)
    h2 = torch.nn.modules.module.register_module_forward_hook(rec.post)
    sys.argv = [file_path] + argv
    os.chdir(file_dir)
    error = None
    own_model_error = None
    own_run_error = None
    # The line of each class statement of the file: a class defined again under its name (a
    # notebook cell redefining it) is told apart from the earlier one by it.
    original_build_class = builtins.__build_class__

    source_lines = []  # the program's lines (a notebook's code cells), once read below

    def class_statement_line(first):
        # A decorated class's code starts at its first decorator: the `class` line is the model's.
        for line in range(first, min(first + 30, len(source_lines) + 1)):
            if source_lines[line - 1].lstrip().startswith("class "):
                return line
        return first

    def build_class(func, name, *bases, **kw):
        cls = original_build_class(func, name, *bases, **kw)
        if func.__code__.co_filename == file_path:
            rec.class_lines[cls] = class_statement_line(func.__code__.co_firstlineno)
        return cls

    builtins.__build_class__ = build_class
    # The file is the __main__ module, as `python file.py` makes it: `sys.modules[__name__]` is its
    # namespace (chenyaofo's zoo sets its factories on it).
    main_module = types.ModuleType("__main__")
    main_module.__file__ = file_path
    main_module.__builtins__ = builtins
    sys.modules["__main__"] = main_module
    ns = main_module.__dict__
    rec.namespace = ns
    # A file inside a package (`from .unet_parts import *`) runs as a module of that package.
    package = []
    top = file_dir
    while os.path.exists(os.path.join(top, "__init__.py")):
        package.insert(0, os.path.basename(top))
        top = os.path.dirname(top)
    if package:
        sys.path.insert(0, top)
        ns["__package__"] = ".".join(package)
        try:
            importlib.import_module(ns["__package__"])
        except Exception:
            pass
    if (ns.get("__package__") or "").startswith("torchvision"):
        # Running a copy of a torchvision model file: its models are registered already.
        import torchvision.models._api as tv_api
        tv_api.register_model = lambda name=None: (lambda fn: fn)
    # The file's own prints must not mix with the JSON on stdout.
    sys.stdout = sys.stderr
    try:
        if file_path.endswith(".ipynb"):
            source = notebook_program(file_path)
        else:
            with open(file_path, encoding="utf-8") as f:
                source = f.read()
        source_lines[:] = source.split("\n")
        code = compile(source, file_path, "exec")
        try:
            exec(code, ns)
        except (StopRun, SystemExit):
            pass
        except Exception as e:  # noqa: BLE001 - the build below may still build the models
            error = f"{type(e).__name__}: {e}"
            # The file's own run stopped (a `.cuda()`, a weights download): calls it would have made did not happen here.
            own_run_error = error
            if id(e) in raised_in_module and isinstance(e, RuntimeError):
                # Raised by PyTorch inside a module's forward: the file's own run of a model fails
                # (a shape error the analysis may rightly report), whatever the build does.
                own_model_error = error
            if not build:
                raise
        if build:
            rec.stack.clear()
            try:
                exec(compile(build, "<build>", "exec"), ns)
                error = None
            except StopRun:
                error = None
    except BaseException as e:  # noqa: BLE001 - any failure of the file is reported, not raised
        error = f"{type(e).__name__}: {e}"
    signal.alarm(0)
    h1.remove()
    h2.remove()
    roots = [r for r in rec.result() if r["done"]]
    out = {"roots": roots, "error": error}
    if own_model_error is not None:
        out["ownModelError"] = own_model_error
    if own_run_error is not None and build:
        out["ownRunError"] = own_run_error
    json.dump(out, sys.__stdout__)


main()
