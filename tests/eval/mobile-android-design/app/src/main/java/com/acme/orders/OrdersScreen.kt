package com.acme.orders

import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.runtime.Composable
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.lifecycle.compose.collectAsStateWithLifecycle

@Composable
fun OrdersScreen(viewModel: OrdersViewModel) {
    val orders by viewModel.orders.collectAsState() // expect: mobile-android-design/collect-as-state
    Column(Modifier.verticalScroll(rememberScrollState())) {
        orders.forEach { OrderRow(it) } // expect: mobile-android-design/scrolling-column-foreach
    }
}

@Composable
fun LazyOrdersScreen(viewModel: OrdersViewModel) {
    val orders by viewModel.orders.collectAsStateWithLifecycle() // near: mobile-android-design/collect-as-state
    LazyColumn {
        items(orders, key = { it.id }) { OrderRow(it) } // near: mobile-android-design/scrolling-column-foreach
    }
}

@Composable
fun OrderSummary(lines: List<String>) {
    Column(Modifier) {
        lines.forEach { SummaryLine(it) } // near: mobile-android-design/scrolling-column-foreach
    }
}
