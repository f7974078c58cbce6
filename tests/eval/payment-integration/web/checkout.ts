import Stripe from 'stripe';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? '');

export async function chargeLegacy(token: string, amountCents: number): Promise<string> {
  const charge = await stripe.charges.create({ amount: amountCents, currency: 'eur', source: token }); // expect: payment-integration/legacy-charges
  return charge.id;
}

export async function createIntent(orderId: string, amountCents: number): Promise<string | null> {
  const intent = await stripe.paymentIntents.create( // near: payment-integration/legacy-charges
    { amount: amountCents, currency: 'eur', automatic_payment_methods: { enabled: true } },
    { idempotencyKey: `order-${orderId}` },
  );
  return intent.client_secret;
}
