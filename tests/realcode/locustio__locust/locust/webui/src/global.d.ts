import { IWindow } from 'types/window.types';

declare global {
  interface Window extends IWindow {}
}
