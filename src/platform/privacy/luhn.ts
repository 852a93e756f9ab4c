// Luhn mod 10 (ISO/IEC 7812-1), the check on 银联 and international card numbers. ../shared/law/service-rules.md §4.6

/** True when a string of ASCII digits passes the Luhn check. */
export function isLuhnValid(digits: string): boolean {
  if (digits.length < 2) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** The digit that makes `body` + digit Luhn-valid (test data and the labeled set). */
export function luhnCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (isLuhnValid(body + String(d))) return String(d);
  return '';
}
