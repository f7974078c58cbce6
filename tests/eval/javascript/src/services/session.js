// Session helpers for the login page.
export async function login(form) {
  const res = await fetch('/api/login', { method: 'POST', body: new FormData(form), credentials: 'include' });
  const data = await res.json();
  localStorage.setItem('accessToken', data.token); // expect: javascript/token-in-storage
  sessionStorage.setItem('auth_jwt', data.jwt); // expect: javascript/token-in-storage
  localStorage.setItem('theme', data.preferences.theme); // near: javascript/token-in-storage
  localStorage.setItem('sidebarCollapsed', 'true'); // near: javascript/token-in-storage
  return data.user;
}
