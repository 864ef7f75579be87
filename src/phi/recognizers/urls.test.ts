import { describe, expect, it } from 'vitest';
import { clean, hits } from '../../../test/helpers/phi.js';


describe('urls and IP addresses', () => {
  it('finds fund-raisers, personal sites and portal record paths', () => {
    expect(hits('Every dollar helps: https://www.gofundme.com/f/sofia-ramirez-t1d-journey', 'url')).toHaveLength(1);
    expect(hits('Follow his journey: https://www.caringbridge.org/site/owenbrightwater', 'url')).toHaveLength(1);
    expect(hits("Donate on Carla's page: https://carlarunsfordanny.example.org", 'url')).toHaveLength(1);
    expect(hits('Obituary: https://www.millbrookfuneral.example/obituaries/edith-larkin', 'url')).toHaveLength(1);
  });

  it("reports a patient path under the practice's own domain but not its public pages", () => {
    expect(hits('https://cedarvalleyhealth.com/portal/patients/48213/results', 'url', 'link')).toHaveLength(1);
    expect(hits('https://cedarvalleyhealth.com/chart/abc123', 'url', 'link')).toHaveLength(1);
    for (const u of [
      'https://cedarvalleyhealth.com/flu',
      'https://cedarvalleyhealth.com/portal-help',
      'https://cedarvalleyhealth.com/new-patients',
      'https://cedarvalleyhealth.com/team/rosa-delgado-rn',
      'https://cedarvalleyhealth.com/events/2026-10-06-walk-in-flu-clinic',
      'https://cedarvalleyhealth.com/blog/2026/what-cpt-99213-means',
      'https://www.cdc.gov/flu/',
      'https://www.stjude.org/',
      'https://988lifeline.org/',
    ]) {
      expect(clean(u, 'link')).toBe(true);
    }
  });

  it('finds IPv4 and IPv6 addresses but not versions or clock times', () => {
    expect(hits('40 failed logins from 203.0.113.47. Mr. Ostrowski, was that you?', 'ip')).toEqual(['203.0.113.47']);
    expect(hits('their connection from 2001:db8:4a1f::23c kept dropping', 'ip')).toEqual(['2001:db8:4a1f::23c']);
    expect(clean('Update the app to version 2.10.3.4 before 10:40:22 tonight.')).toBe(true);
  });
});

describe('social handles', () => {
  it('finds personal handles', () => {
    expect(hits('Big thanks to @tina_bakes_614 for the cupcakes!', 'handle')).toEqual(['@tina_bakes_614']);
    expect(hits('Her mom @busymamaof4 said we could share!', 'handle')).toEqual(['@busymamaof4']);
    expect(hits('Follow @FaithWalksForSCD for updates!', 'handle')).toEqual(['@FaithWalksForSCD']);
    expect(hits('Replying to @carla@mastodon.social about the run', 'handle')).toEqual(['@carla@mastodon.social']);
  });

  it("allows the practice's own and organisations' handles", () => {
    expect(clean('Follow @cedarvalleyhealth for clinic updates.')).toBe(true);
    expect(clean('Thanks to @OhioAAFP and @MillbrookSchools for a great workshop.')).toBe(true);
    expect(clean('Via @CDCgov and @AmericanHeart: know your numbers.')).toBe(true);
  });
});
