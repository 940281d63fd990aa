/**
 * Store carrier names to our carrier codes. Shopify's `tracking_company` uses display names
 * ("UPS", "FedEx", "USPS", "DHL Express"...), WooCommerce Shipment Tracking uses provider names
 * or slugs ("fedex", "dhl-us"...). Names not here return undefined: the number's format then
 * decides, and the aggregator takes what no carrier claims (as for the API's shipments).
 */
const byName: Record<string, string> = {
  ups: 'ups',
  upsground: 'ups',
  upsmailinnovations: 'ups',
  fedex: 'fedex',
  federalexpress: 'fedex',
  fedexground: 'fedex',
  fedexexpress: 'fedex',
  usps: 'usps',
  uspostalservice: 'usps',
  unitedstatespostalservice: 'usps',
  dhl: 'dhl',
  dhlexpress: 'dhl',
  dhlecommerce: 'dhl',
  dhlecommercesolutions: 'dhl',
  dhlparcel: 'dhl',
  dhlus: 'dhl',
  dhlde: 'dhl',
  deutschepostdhl: 'dhl',
  simulated: 'simulated',
};

export function carrierCodeForName(name: string | undefined): string | undefined {
  return name ? byName[name.toLowerCase().replace(/[^a-z0-9]/g, '')] : undefined;
}
