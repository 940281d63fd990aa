import { merchantSettingsSchema } from '../../../src/api/schemas';
import {
  brandingFromForm,
  formFieldOf,
  preferencesFromForm,
} from '../../../src/console/settings/settings-form';
import { defaultMerchantPreferences } from '../../../src/merchants/merchant';

describe('console settings forms', () => {
  const current = defaultMerchantPreferences();

  it('when only delivered by SMS is ticked, then the matrix has exactly that and quiet hours follow the boxes', () => {
    const prefs = preferencesFromForm(
      {
        'matrix.delivered.sms': 'on',
        'quiet.sms.on': 'on',
        'quiet.sms.start': '22:30',
        'quiet.sms.end': '07:15',
        'quiet.email.start': '20:00',
        'quiet.email.end': '06:00',
        timezone: 'Europe/Paris',
        defaultLocale: 'fr',
        maxMessagesPerShipmentPerDay: '3',
        statusLinkTtlDays: '60',
        collapseMilestones: 'on',
      },
      current,
    ) as typeof current;
    expect(prefs.matrix.delivered).toEqual({ email: false, sms: true });
    expect(prefs.matrix.shipped).toEqual({ email: false, sms: false });
    expect(prefs.quietHours).toEqual({ sms: { start: '22:30', end: '07:15' }, email: null });
    expect(prefs).toMatchObject({
      timezone: 'Europe/Paris',
      defaultLocale: 'fr',
      maxMessagesPerShipmentPerDay: 3,
      statusLinkTtlDays: 60,
      collapseMilestones: true,
      smsRequiresConsent: false,
      sendOrderConfirmation: false,
    });
  });

  it('when the cap is not a number, then the API schema names the field and the form maps it back', () => {
    const prefs = preferencesFromForm(
      {
        timezone: 'UTC',
        defaultLocale: 'en',
        maxMessagesPerShipmentPerDay: 'lots',
        statusLinkTtlDays: '90',
        'quiet.sms.on': 'on',
        'quiet.sms.start': '25:00',
        'quiet.sms.end': '08:00',
      },
      current,
    );
    const result = merchantSettingsSchema.safeParse({
      preferences: prefs,
      branding: { displayName: 'Shop', primaryColor: '#123456' },
      senders: { email: {}, sms: {} },
    });
    expect(result.success).toBe(false);
    const fields = result.error?.issues.map((i) => formFieldOf(i.path.join('.'))).sort();
    expect(fields).toEqual(['maxMessagesPerShipmentPerDay', 'quiet.sms.start']);
  });

  it('when optional branding fields are left empty, then they are left out rather than saved empty', () => {
    const { branding, senders } = brandingFromForm({
      displayName: ' Juniper & Pine ',
      primaryColor: '#2F6B4F',
      logoUrl: '',
      supportEmail: 'help@juniper.example',
      'senders.sms.fromNumber': '',
    });
    expect(branding).toEqual({
      displayName: 'Juniper & Pine',
      primaryColor: '#2f6b4f',
      supportEmail: 'help@juniper.example',
    });
    expect(senders).toEqual({ email: {}, sms: {} });
  });
});
