import Testing
@testable import AttnLang

@Test func placeholder() { #expect(true == true) }
