export { type Clock, createFakeClock, type FakeClock, systemClock } from "./clock.js";
export {
  type Cents,
  dollarsToCents,
  formatMoney,
  formatMoneyLiteral,
  type MoneyParse,
  parseMoney,
} from "./money.js";
export { Secret } from "./secret.js";
export { didYouMean, editDistance } from "./suggest.js";
