/// One terminal cell: a grapheme cluster and the role that styles it. The second column of a
/// wide character is a continuation cell that holds nothing of its own.
public struct Cell: Hashable, Sendable {
    public var character: Character
    public var role: Role
    public var isContinuation: Bool

    public init(_ character: Character = " ", role: Role = .normal, isContinuation: Bool = false) {
        self.character = character
        self.role = role
        self.isContinuation = isContinuation
    }

    public static let blank = Cell()
}
