import type { Invoice } from '../types';
import { TrashIcon } from './icons';

export function InvoiceRow({ invoice, onOpen, onDelete }: { invoice: Invoice; onOpen: () => void; onDelete: () => void }) {
  return (
    <li className="invoice">
      <div className="invoice__title" onClick={onOpen}>{invoice.number}</div> {/* expect: web-accessibility/click-on-static-element */}
      <button type="button" className="invoice__title" onClick={onOpen}>{invoice.number}</button> {/* near: web-accessibility/click-on-static-element */}
      <img src={invoice.customer.logoUrl} className="invoice__logo" /> {/* expect: web-accessibility/img-alt */}
      <img src={invoice.customer.logoUrl} alt={invoice.customer.name} /> {/* near: web-accessibility/img-alt */}
      <button onClick={onDelete}><TrashIcon /></button> {/* expect: web-accessibility/icon-button-name */}
      <button onClick={onDelete} aria-label="Delete invoice"><TrashIcon aria-hidden /></button> {/* near: web-accessibility/icon-button-name */}
      <input className="invoice__note outline-none" defaultValue={invoice.note} /> {/* expect: web-accessibility/outline-none-class */}
      <input className="invoice__note outline-none focus-visible:ring-2" defaultValue={invoice.note} /> {/* near: web-accessibility/outline-none-class */}
      <div role="menuitem" tabIndex={-1} className="rounded-sm px-2 outline-none focus:bg-accent">{invoice.status}</div> {/* near: web-accessibility/outline-none-class */}
      <a href="#" onClick={onOpen}>Details</a> {/* expect: web-accessibility/fake-link */}
      <a href={`/invoices/${invoice.id}`}>Details</a> {/* near: web-accessibility/fake-link */}
      <span tabIndex={2}>{invoice.total}</span> {/* expect: web-accessibility/positive-tabindex */}
      <span tabIndex={0}>{invoice.total}</span> {/* near: web-accessibility/positive-tabindex */}
    </li>
  );
}
