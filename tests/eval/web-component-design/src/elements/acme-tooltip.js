// <acme-tooltip> shows its label next to the anchor on hover and focus.
export class Tooltip extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.label = this.getAttribute('label'); // expect: web-component-design/attributes-in-constructor
  }

  get observedAttributes() { // expect: web-component-design/observed-attributes-not-static
    return ['label'];
  }

  connectedCallback() {
    window.addEventListener('scroll', this.reposition); // expect: web-component-design/listener-without-disconnect
    this.label = this.getAttribute('label'); // near: web-component-design/attributes-in-constructor
  }

  reposition = () => {
    this.style.top = `${this.getBoundingClientRect().top}px`;
  };
}

customElements.define('tooltip', Tooltip); // expect: web-component-design/invalid-element-name
customElements.define('acme-tooltip', class extends Tooltip {}); // near: web-component-design/invalid-element-name
