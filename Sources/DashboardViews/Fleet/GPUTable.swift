import Monitoring
import TerminalUI

/// One row per GPU: instance, GPU, model, utilisation bar, memory, temperature, power.
enum GPUTable {
    static func table(_ rows: [(String, GPUReading)], glyphs: GlyphSet, barWidth: Int) -> Table {
        Table(columns: [.init("Instance", min: 8, max: 12), .init("GPU", min: 3, max: 4), .init("Model", min: 6, max: 24, grow: 1),
                        .init("Util", min: barWidth + 5, alignment: .right), .init("Memory", min: 9, alignment: .right),
                        .init("Temp", min: 5, alignment: .right), .init("Power", min: 6, alignment: .right)],
              rowCount: rows.count) { r in
            let (instance, g) = rows[r]
            let memory = g.memoryUsedBytes.map { FigureText.bytes($0) + "/" + FigureText.bytes(g.memoryTotalBytes) } ?? FigureText.unknown
            let temp = g.temperatureCelsius
            let util = FigureText.fraction(percent: g.utilization)
            let index = rows[..<r].filter { $0.0 == instance }.count
            return [.init(instance), .init("#\(index)"), .init(g.model ?? FigureText.unknown, role: .muted),
                    .init(FigureText.bar(util, width: barWidth, glyphs: glyphs), role: FigureText.utilizationRole(util)),
                    .init(memory), .init(temp.map { NumberText.fixed($0, decimals: 0) + "°C" } ?? FigureText.unknown,
                                         role: (temp ?? 0) >= 85 ? .critical : ((temp ?? 0) >= 80 ? .warning : .normal)),
                    .init(g.powerWatts.map { NumberText.fixed($0, decimals: 0) + "W" } ?? FigureText.unknown)]
        }
    }
}
