import Foundation

/// A small HTTP server on 127.0.0.1 (a free port chosen by the OS), run by python3 for one test.
///
/// It serves the files of `root` and two special paths:
/// - `/drop/NAME` announces NAME's full length, sends half of it and closes the connection;
/// - `/flaky/NAME` does that on the first request only and serves NAME whole afterwards.
/// Every request's path is appended to `root/requests.log`.
final class LocalHTTPServer {
    let port: Int
    let root: URL
    private let process: Process

    init(root: URL) throws {
        self.root = root
        let script = """
            import http.server, os, sys, threading
            root = sys.argv[1]
            seen = set()
            lock = threading.Lock()
            class Handler(http.server.BaseHTTPRequestHandler):
                def log_message(self, *args): pass
                def do_GET(self):
                    with open(os.path.join(root, 'requests.log'), 'a') as log: log.write(self.path + '\\n')
                    parts = self.path.strip('/').split('/')
                    name = parts[-1]
                    path = os.path.join(root, name)
                    if not os.path.isfile(path):
                        self.send_response(404); self.send_header('Content-Length', '0'); self.end_headers(); return
                    data = open(path, 'rb').read()
                    drop = parts[0] == 'drop'
                    if parts[0] == 'flaky':
                        with lock:
                            drop = name not in seen
                            seen.add(name)
                    self.send_response(200)
                    self.send_header('Content-Length', str(len(data)))
                    self.end_headers()
                    self.wfile.write(data[:len(data) // 2] if drop else data)
                    self.wfile.flush()
                    self.close_connection = True
            server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
            print(server.server_address[1], flush=True)
            server.serve_forever()
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, root.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            kill(process.processIdentifier, SIGKILL)
            throw CocoaError(.fileReadUnknown)
        }
        self.port = port
        self.process = process
    }

    /// `http://127.0.0.1:PORT/path`.
    func url(_ path: String) -> String { "http://127.0.0.1:\(port)/\(path)" }

    /// The paths requested so far, in order.
    var requests: [String] {
        ((try? String(contentsOf: root.appendingPathComponent("requests.log"), encoding: .utf8)) ?? "")
            .split(separator: "\n").map(String.init)
    }

    /// Kills the server (SIGKILL: a test runner may leave SIGTERM blocked in its children).
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
