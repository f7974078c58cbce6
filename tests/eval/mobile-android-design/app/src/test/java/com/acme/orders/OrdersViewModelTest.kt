package com.acme.orders

import androidx.lifecycle.SavedStateHandle
import kotlinx.coroutines.runBlocking
import org.junit.Assert.assertEquals
import org.junit.Test

class OrdersViewModelTest {
    @Test
    fun countsCachedOrders() = runBlocking { // near: mobile-android-design/run-blocking
        val vm = OrdersViewModel(FakeRepo(count = 3), FakePrefs(), SavedStateHandle())
        assertEquals(3, vm.cachedCount())
    }
}
