import { cva, type VariantProps } from 'class-variance-authority';
import { cn } from '../lib/cn';

type Tone = 'success' | 'danger' | 'neutral';

export function StatusBadge({ tone, label }: { tone: Tone; label: string }) {
  return <span className={`rounded px-2 bg-${tone}-100 text-sm`}>{label}</span>; // expect: tailwind-design-system/dynamic-class-name
}

export function LegacyBadge({ tone, label }: { tone: Tone; label: string }) {
  return <span className={'rounded px-2 text-' + tone}>{label}</span>; // expect: tailwind-design-system/dynamic-class-name
}

const toneClasses: Record<Tone, string> = {
  success: 'bg-green-100 text-green-800',
  danger: 'bg-red-100 text-red-800',
  neutral: 'bg-gray-100 text-gray-800',
};

export function Badge({ tone, label, id }: { tone: Tone; label: string; id: string }) {
  return (
    <span id={`badge-${id}`} className={cn('rounded px-2 text-sm', toneClasses[tone])}> {/* near: tailwind-design-system/dynamic-class-name */}
      {label}
    </span>
  );
}

export const button = cva('inline-flex items-center rounded-md font-medium', {
  variants: {
    intent: {
      primary: 'bg-[#1a73e8] text-white hover:bg-[#1666cc]', // expect: tailwind-design-system/arbitrary-color
      brand: 'bg-brand-600 text-white hover:bg-brand-700', // near: tailwind-design-system/arbitrary-color
      ghost: 'bg-[var(--surface-ghost)] hover:bg-gray-100', // near: tailwind-design-system/arbitrary-color
    },
    size: {
      sm: 'h-8 px-[13px] text-sm', // expect: tailwind-design-system/arbitrary-spacing
      md: 'h-10 px-4', // near: tailwind-design-system/arbitrary-spacing
      lg: 'h-12 px-6 grid-cols-[200px_1fr]', // near: tailwind-design-system/arbitrary-spacing
    },
  },
  defaultVariants: { intent: 'primary', size: 'md' },
});

export type ButtonVariants = VariantProps<typeof button>;
