/// What a row of the command table does: a key's action (which the palette may also name), or
/// a command only the palette has because it takes an argument a key cannot give.
public enum ConsoleCommand: Sendable, Hashable {
    case action(DashboardAction)
    /// `overview`: back to the fleet overview, closing the views above it.
    case overview
    /// `sort COLUMN`: what the sort keys do, by the column's name.
    case sort
    /// `filter TEXT`: the overview filter, given whole (empty clears it).
    case filter
    /// `theme NAME`
    case theme
    /// `context NAME`: ends the loop so the shell opens that context.
    case context
    /// `note TEXT`: a note on the selected chute or instance (or the fleet).
    case note
    /// `incident start TITLE`, `incident end`, `incident export PATH`.
    case incident
}
