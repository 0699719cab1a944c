/// The chain of values a render can see: names are looked up from the innermost outwards.
struct ContextStack {
    private var frames: [MustacheValue]

    /// `roots` are searched last to first, as if each had been pushed in turn.
    init(roots: [MustacheValue]) {
        frames = roots
        frames.reserveCapacity(16)
    }

    mutating func push(_ value: MustacheValue) {
        frames.append(value)
    }

    mutating func pop() {
        frames.removeLast()
    }

    /// Resolves a dotted name: the first part searches every frame, the rest only descend.
    func resolve(_ path: NamePath) -> MustacheValue {
        guard let first = path.components.first else {
            return frames.last ?? .null
        }
        guard var value = lookUp(first) else {
            return .null
        }

        for key in path.components.dropFirst() {
            guard case .object(let fields) = value, let child = fields[key] else {
                return .null
            }
            value = child
        }
        return value
    }

    private func lookUp(_ key: String) -> MustacheValue? {
        for frame in frames.reversed() {
            if case .object(let fields) = frame, let value = fields[key] {
                return value
            }
        }
        return nil
    }
}
