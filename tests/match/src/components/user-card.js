class UserCard extends HTMLElement {
  connectedCallback() {
    this.attachShadow({ mode: "open" }).textContent = this.getAttribute("name");
  }
}

customElements.define("user-card", UserCard);
