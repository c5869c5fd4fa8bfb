/// What a worker thread runs; passed through `pthread_create`'s context pointer.
final class _ThreadBody {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}
