import Foundation
import UIKit

final class SessionStore {
    private let keychain: Keychain

    init(keychain: Keychain) {
        self.keychain = keychain
    }

    func save(_ tokens: Tokens) throws {
        UserDefaults.standard.set(tokens.refresh, forKey: "refreshToken") // expect: mobile-ios-design/userdefaults-secret
        UserDefaults.standard.set(true, forKey: "hasSeenOnboarding") // near: mobile-ios-design/userdefaults-secret
        try keychain.set(tokens.access, service: "com.acme.app", account: "accessToken") // near: mobile-ios-design/try-bang
    }

    func loadConfig(from data: Data) -> Config {
        let config = try! JSONDecoder().decode(Config.self, from: data) // expect: mobile-ios-design/try-bang
        let fallback = (try? JSONDecoder().decode(Config.self, from: data)) ?? .default // near: mobile-ios-design/try-bang
        return config.version > fallback.version ? config : fallback
    }

    func reload(_ table: UITableView) {
        DispatchQueue.main.sync { table.reloadData() } // expect: mobile-ios-design/main-queue-sync
        DispatchQueue.main.async { table.reloadData() } // near: mobile-ios-design/main-queue-sync
    }

    func cell(_ table: UITableView, at indexPath: IndexPath) -> OrderCell {
        let any = table.cellForRow(at: indexPath)
        let cell = any as! OrderCell // expect: mobile-ios-design/force-cast
        let other = any as? OrderCell // near: mobile-ios-design/force-cast
        return other ?? cell
    }

    func titleLabel() -> UILabel {
        let label = UILabel()
        label.font = UIFont.systemFont(ofSize: 15) // expect: mobile-ios-design/fixed-font-size
        label.font = UIFontMetrics(forTextStyle: .body).scaledFont(for: UIFont.systemFont(ofSize: 15)) // near: mobile-ios-design/fixed-font-size
        return label
    }
}
