// <acme-dialog> wraps <dialog> with our focus and close behaviour.
export class AcmeDialog extends HTMLElement {
  static observedAttributes = ['open']; // near: web-component-design/observed-attributes-not-static
  #controller?: AbortController;

  constructor() {
    super();
    this.attachShadow({ mode: 'open', delegatesFocus: true }); // near: web-component-design/attributes-in-constructor
  }

  static get formAssociated(): boolean {
    return false;
  }

  connectedCallback(): void {
    this.#controller = new AbortController();
    document.addEventListener('keydown', this.#onKey, { signal: this.#controller.signal }); // near: web-component-design/listener-without-disconnect
  }

  disconnectedCallback(): void {
    this.#controller?.abort();
  }

  attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
    if (name === 'open') this.toggleAttribute('data-visible', value !== null);
  }

  #onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') this.removeAttribute('open');
  };
}

if (!customElements.get('acme-dialog')) customElements.define('acme-dialog', AcmeDialog);
