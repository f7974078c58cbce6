package com.acme.orders

import android.content.SharedPreferences
import androidx.core.content.edit
import androidx.lifecycle.ViewModel
import androidx.lifecycle.viewModelScope
import kotlinx.coroutines.GlobalScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking

class OrdersViewModel(
    private val repo: OrdersRepository,
    private val prefs: SharedPreferences,
) : ViewModel() {
    private val _orders = MutableStateFlow<List<Order>>(emptyList())
    val orders: StateFlow<List<Order>> = _orders

    fun refresh() {
        GlobalScope.launch { _orders.value = repo.load() } // expect: mobile-android-design/global-scope
    }

    fun refreshScoped() {
        viewModelScope.launch { _orders.value = repo.load() } // near: mobile-android-design/global-scope
    }

    fun cachedCount(): Int = runBlocking { repo.count() } // expect: mobile-android-design/run-blocking

    fun saveSession(tokens: Tokens) {
        prefs.edit { putString("refresh_token", tokens.refresh) } // expect: mobile-android-design/plain-prefs-secret
        prefs.edit { putString("last_tab", "orders") } // near: mobile-android-design/plain-prefs-secret
    }
}
