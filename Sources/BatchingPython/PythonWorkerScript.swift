/// The Python side of a `python:` stage: the program each worker process runs (`python3 -u -c`).
///
/// It is kept here as a string and passed with `-c` rather than shipped as a resource file: nothing
/// has to be found at run time (the binary is often copied alone), and no temporary file is left
/// behind. It imports the user's callable, says hello (or why it cannot), then answers requests:
/// a binary header on the channel (fd 3, a Unix socket), arrays in the shared-memory file (fd 4),
/// never a pickle. The user's prints go to fds 1 and 2, which the worker's owner points at a log.
/// The wire format is described in ``PythonWire``.
enum PythonWorkerScript {
    /// The program's source.
    static let source = #"""
        # batchview's Python worker: imports the user's callable, then answers requests on fd 3
        # (a Unix socket) with arrays passed through the shared-memory file on fd 4. The user's
        # print() goes to fds 1 and 2, which batchview points at a log file, never at this channel.
        import os, sys, struct, time, signal, random, traceback, importlib, importlib.util, mmap

        CHANNEL, SHARED = 3, 4
        REQUEST = struct.Struct("<4sIQqqqQ")
        ARRAY = struct.Struct("<8sIIQ")
        REPLY = struct.Struct("<4sId")
        OP_BATCH, OP_SAMPLE = 1, 2


        class Refusal(Exception):
            # A problem with the user's code or result, told in one sentence.
            pass


        def read_exact(count):
            data = bytearray()
            while len(data) < count:
                chunk = os.read(CHANNEL, count - len(data))
                if not chunk:
                    sys.exit(0)
                data += chunk
            return bytes(data)


        def write_all(data):
            view = memoryview(data)
            while view:
                view = view[os.write(CHANNEL, view):]


        def reply_error(text):
            body = text.encode("utf-8", "replace")
            write_all(REPLY.pack(b"BVRS", 1, 0.0) + struct.pack("<I", len(body)) + body)


        def array_header(descriptor, offset, shape):
            if descriptor is None:
                return ARRAY.pack(b"", 0, 0, 0)
            return ARRAY.pack(descriptor.encode(), len(shape), 1, offset) + struct.pack(f"<{len(shape)}q", *shape)


        def place(frame, user_file):
            # ' (aug.py, line 7: return images[::2])' for the innermost frame in the user's file.
            frames = traceback.extract_tb(frame)
            mine = [f for f in frames if user_file and os.path.abspath(f.filename) == user_file]
            chosen = (mine or [f for f in frames if f.filename != "<string>"] or [None])[-1]
            if chosen is None:
                return ""
            code = f": {chosen.line.strip()}" if chosen.line else ""
            return f" ({os.path.basename(chosen.filename)}, line {chosen.lineno}{code})"


        def last_line(error):
            return traceback.format_exception_only(type(error), error)[-1].strip()


        def load(module_ref, name):
            # The callable and the absolute path of the file it was defined in.
            if module_ref.endswith(".py") or os.sep in module_ref:
                path = os.path.abspath(module_ref)
                if not os.path.isfile(path):
                    raise Refusal(f"there is no file {module_ref} (looked for {path})")
                sys.path.insert(0, os.path.dirname(path))
                module_name = "batchview_user_" + os.path.splitext(os.path.basename(path))[0]
                spec = importlib.util.spec_from_file_location(module_name, path)
                module = importlib.util.module_from_spec(spec)
                sys.modules[module_name] = module
                try:
                    spec.loader.exec_module(module)
                except BaseException as error:
                    where = f" (line {error.lineno})" if isinstance(error, SyntaxError) else place(error.__traceback__, path)
                    raise Refusal(f"{module_ref} cannot be imported: {last_line(error)}{where}")
            else:
                try:
                    module = importlib.import_module(module_ref)
                except BaseException as error:
                    raise Refusal(f"{module_ref} cannot be imported with {sys.executable}: {last_line(error)}")
            if not hasattr(module, name):
                raise Refusal(f"{module_ref} has no {name}")
            function = getattr(module, name)
            if not callable(function):
                raise Refusal(f"{module_ref}:{name} is a {type(function).__name__}, not a function")
            source = getattr(module, "__file__", None)
            return function, os.path.abspath(source) if source else None


        class Shared:
            # The shared-memory file, mapped again whenever either side has grown it.

            def __init__(self):
                self.size, self.map = 0, None

            def view(self, needed):
                size = os.fstat(SHARED).st_size
                if size < needed:
                    os.ftruncate(SHARED, needed)
                    size = needed
                if size != self.size:
                    # The old map stays alive while arrays (a returned view of the input) still use it.
                    self.map, self.size = mmap.mmap(SHARED, size), size
                return self.map


        def main():
            module_ref, name, parent = sys.argv[1], sys.argv[2], int(sys.argv[3])
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            try:
                import ctypes

                ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: die with batchview
            except Exception:
                pass
            if os.getppid() != parent:
                return
            try:
                import numpy as np
            except ImportError:
                return reply_error(f"NumPy is not installed for {sys.executable} (pip install numpy, or give --python)")
            try:
                function, user_file = load(module_ref, name)
            except Refusal as refusal:
                return reply_error(str(refusal))
            write_all(REPLY.pack(b"BVRS", 0, 0.0) + array_header(None, 0, ()) * 2)
            label = name
            shared = Shared()

            def seeded(key):
                # The rng for `key`, after seeding random, NumPy's global generator and torch's.
                for_rng, for_globals = np.random.SeedSequence(key).spawn(2)
                words = [int(w) for w in for_globals.generate_state(3, np.uint64)]
                random.seed(words[0])
                np.random.seed(words[1] & 0xFFFFFFFF)
                torch = sys.modules.get("torch")
                if torch is not None:
                    torch.manual_seed(words[2] & 0x7FFFFFFFFFFFFFFF)
                return np.random.Generator(np.random.Philox(for_rng))

            def read_array():
                descriptor, ndim, present, offset = ARRAY.unpack(read_exact(ARRAY.size))
                shape = struct.unpack(f"<{ndim}q", read_exact(8 * ndim)) if ndim else ()
                return (descriptor.rstrip(b"\0").decode(), tuple(shape), offset) if present else None

            def as_result(value, what, count):
                if not isinstance(value, np.ndarray):
                    if isinstance(value, (list, tuple, str, bytes, int, float)) or not hasattr(value, "__array__"):
                        raise Refusal(f"{label} returned {what} as a {type(value).__name__}, not a NumPy array")
                    value = np.asarray(value)
                if value.dtype.kind not in "biuf" or value.dtype.itemsize not in (1, 2, 4, 8) or value.dtype == np.float16:
                    raise Refusal(f"{label} returned {what} of dtype {value.dtype}, which batchview cannot hold (use a number type such as uint8 or float32)")
                if count is not None and (value.ndim == 0 or value.shape[0] != count):
                    got = value.shape[0] if value.ndim else "no"
                    raise Refusal(f"{label} returned {what} with {got} samples for a batch of {count}")
                return np.ascontiguousarray(value.astype(value.dtype.newbyteorder("<"), copy=False))

            def split(result):
                if isinstance(result, tuple) and len(result) == 2:
                    return result
                return result, None

            def answer(op, key, images_at, labels_at):
                # Calls the function on the request's arrays and writes the result after them.
                mapped = shared.view(0)
                images = np.ndarray(images_at[1], np.dtype(images_at[0]), buffer=mapped, offset=images_at[2])
                labels = None
                if labels_at:
                    labels = np.ndarray(labels_at[1], np.dtype(labels_at[0]), buffer=mapped, offset=labels_at[2])
                count = images.shape[0]
                start = time.perf_counter()
                try:
                    if op == OP_BATCH:
                        out_images, out_labels = split(function(images, labels, seeded(key)))
                    else:
                        outputs = [split(function(images[i], None if labels is None else labels[i], seeded(key + [i])))
                                   for i in range(count)]
                        out_images, out_labels = [o[0] for o in outputs], [o[1] for o in outputs]
                except Refusal:
                    raise
                except BaseException as error:
                    raise Refusal(f"{label} raised {last_line(error)}{place(error.__traceback__, user_file)}")
                seconds = time.perf_counter() - start
                if op == OP_SAMPLE:
                    out_images = stack([as_result(o, f"sample {i}'s image", None) for i, o in enumerate(out_images)], "image")
                    given = [o for o in out_labels if o is not None]
                    if given and len(given) != count:
                        raise Refusal(f"{label} returned a label for some samples and none for others")
                    out_labels = stack([as_result(np.asarray(o), f"sample {i}'s label", None) for i, o in enumerate(given)],
                                       "label") if given else None
                out_images = as_result(out_images, "images", count)
                out_labels = None if out_labels is None else as_result(out_labels, "labels", count)
                # A result that is the input array itself (identity, in-place edits) is not copied again.
                end = max(images_at[2] + images.nbytes, labels_at[2] + labels.nbytes if labels_at else 0)
                places = []
                for out, given, at in ((out_images, images, images_at), (out_labels, labels, labels_at)):
                    if out is None or (given is not None and out.ctypes.data == given.ctypes.data
                                       and out.shape == given.shape and out.dtype == given.dtype):
                        places.append(None if out is None else at[2])
                    else:
                        places.append((end + 63) // 64 * 64)
                        end = places[-1] + out.nbytes
                target = shared.view(end)
                for out, given, at, offset in zip((out_images, out_labels), (images, labels), (images_at, labels_at),
                                                  places):
                    if out is not None and (given is None or offset != at[2]):
                        np.ndarray(out.shape, out.dtype, buffer=target, offset=offset)[...] = out
                image_at, label_at = places
                header = REPLY.pack(b"BVRS", 0, seconds) + array_header(out_images.dtype.str, image_at, out_images.shape)
                if out_labels is None:
                    return header + array_header(None, 0, ())
                return header + array_header(out_labels.dtype.str, label_at, out_labels.shape)

            def stack(arrays, what):
                if not arrays:
                    raise Refusal(f"{label} got an empty batch, so there is nothing to stack")
                first = arrays[0]
                for i, a in enumerate(arrays):
                    if a.shape != first.shape or a.dtype != first.dtype:
                        raise Refusal(f"sample {i}'s {what} came back {a.dtype}{list(a.shape)} but sample 0's "
                                      f"{first.dtype}{list(first.shape)}; every sample must come back in one shape and dtype")
                return np.stack(arrays)

            while True:
                op, seed, epoch, batch, slice_, stream = REQUEST.unpack(read_exact(REQUEST.size))[1:]
                images_at, labels_at = read_array(), read_array()
                try:
                    reply = answer(op, [seed, stream, epoch, batch, slice_], images_at, labels_at)
                except Refusal as refusal:
                    reply_error(str(refusal))
                    continue
                write_all(reply)


        main()
        """#
}
