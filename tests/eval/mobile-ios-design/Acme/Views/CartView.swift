import SwiftUI

struct CartView: View {
    @ObservedObject var cart = CartModel() // expect: mobile-ios-design/observed-object-init
    @ObservedObject var session: SessionModel // near: mobile-ios-design/observed-object-init
    @StateObject private var checkout = CheckoutModel() // near: mobile-ios-design/observed-object-init

    var body: some View {
        NavigationView { // expect: mobile-ios-design/navigation-view
            List(cart.items) { item in
                Text(item.title).font(.system(size: 17, weight: .semibold)) // expect: mobile-ios-design/fixed-font-size
                Text(item.subtitle).font(.subheadline) // near: mobile-ios-design/fixed-font-size
                Text(item.sku).font(.custom("SFMono-Regular", size: 13, relativeTo: .caption)) // near: mobile-ios-design/fixed-font-size
            }
        }
    }
}

struct OrdersView: View {
    let orders: [Order]

    var body: some View {
        NavigationStack { // near: mobile-ios-design/navigation-view
            List(orders) { NavigationLink($0.title, value: $0) }
                .navigationDestination(for: Order.self) { OrderView(order: $0) }
        }
    }
}
