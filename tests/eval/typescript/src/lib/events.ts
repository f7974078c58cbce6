// Tiny typed event bus used by the editor panels.
type Events = { saved: { id: string }; closed: undefined };

export class LegacyBus {
  private handlers: Map<string, Function[]> = new Map(); // expect: typescript/wide-builtin-type

  on(event: string, handler: Function): void { // expect: typescript/wide-builtin-type
    const list = this.handlers.get(event) ?? [];
    list.push(handler);
    this.handlers.set(event, list);
  }

  snapshot(meta: Object): string { // expect: typescript/wide-builtin-type
    return Object.keys(meta).join(','); // near: typescript/wide-builtin-type
  }
}

export class Bus {
  private handlers = new Map<keyof Events, Array<(payload: never) => void>>();

  on<E extends keyof Events>(event: E, handler: (payload: Events[E]) => void): void { // near: typescript/wide-builtin-type
    const list = this.handlers.get(event) ?? [];
    list.push(handler as (payload: never) => void);
    this.handlers.set(event, list);
  }
}

export function legacyRender(chart: { render(o: unknown): void }, options: unknown): void {
  // @ts-ignore -- expect: typescript/ts-ignore
  chart.render(options);
  // @ts-expect-error chart.js 2 options until the v4 migration -- near: typescript/ts-ignore
  chart.render(options);
}
