import ArgumentParser

struct OrderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "order")
    func run() throws {}
}
