import Testing
@testable import AttnFigures

/// The viridis ramp of exported figures: its ends, clamping, and NaN.
struct ColorRampTests {
    @Test func colorRampRunsFromPurpleToYellow() {
        #expect(ColorRamp.viridis.hex(0) == "#440154")
        #expect(ColorRamp.viridis.hex(1) == "#fde725")
        #expect(ColorRamp.viridis.hex(2) == "#fde725")
        #expect(ColorRamp.viridis.hex(.nan) == "#440154")
    }
}
