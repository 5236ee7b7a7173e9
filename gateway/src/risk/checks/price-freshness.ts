import { raise, type Check } from '../finding';

/** A pledge is valued at the oracle's last price; an old price is not a valuation. */
export const priceFreshness: Check = (policy, inputs) => {
  if (inputs.kind !== 'pledge') {
    return undefined;
  }
  const age = inputs.now - inputs.pledge.priceSetAt;
  const max = policy.pledge.maxPriceAgeSeconds;
  return age > max ? raise(policy, 'PRICE_STALE', 'review', `the commodity price is ${age} s old, older than ${max} s`) : undefined;
};
