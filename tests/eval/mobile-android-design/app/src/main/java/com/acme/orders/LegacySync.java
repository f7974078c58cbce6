package com.acme.orders;

import android.os.AsyncTask;

public class LegacySync extends AsyncTask<Void, Void, Integer> { // expect: mobile-android-design/async-task
    private final OrdersRepository repo;

    LegacySync(OrdersRepository repo) {
        this.repo = repo; // near: mobile-android-design/async-task
    }

    @Override
    protected Integer doInBackground(Void... voids) {
        return repo.syncBlocking();
    }
}
