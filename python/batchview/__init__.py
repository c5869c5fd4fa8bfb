"""Record what a training loop really consumed, as a folder `batchview DIR --file-batches` opens.

    import batchview
    with batchview.Recorder("runs/batches", every=10) as rec:
        for step, (x, y) in enumerate(loader):
            rec.write(x, y, step=step, epoch=epoch)
            ...

    for x, y in batchview.record(loader, "runs/batches"):   # the same, in one line
        ...
"""

from .recorder import Recorder, record

__all__ = ["Recorder", "record"]
__version__ = "0.1.0"
