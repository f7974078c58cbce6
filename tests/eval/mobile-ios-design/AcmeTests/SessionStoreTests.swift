import XCTest
import UIKit
@testable import Acme

final class SessionStoreTests: XCTestCase {
    func testDecodesConfig() throws {
        let data = try! JSONEncoder().encode(Config.default) // near: mobile-ios-design/try-bang
        let store = SessionStore(keychain: FakeKeychain())
        XCTAssertEqual(store.loadConfig(from: data).version, Config.default.version)
    }
}
