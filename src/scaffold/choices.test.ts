import { afterAll, describe, expect, it } from 'vitest';
import { makeRepo, removeTempRepos } from '../../test/helpers/repo.js';
import { loadRepository } from '../loading/repository.js';
import { chooseAudience, chooseNetworks, chooseObjective, nextFreeSlot } from './choices.js';
import { slugOf } from './from-issue.js';
import { yamlText } from './new-post.js';

afterAll(removeTempRepos);

const NETWORKS = 'x: { account: "@p", slots: ["Mon 09:00", "Wed 12:00"] }\nfacebook: { page_id: "1", slots: ["Tue 10:00"] }\ninstagram: { user_id: "2" }\n';
const OBJECTIVES = 'objectives:\n  education: { label: Patient education, share: 50 }\n  new-patients: { label: Attract new patients, share: 30 }\n  satisfaction: { label: Patient satisfaction, share: 20 }\nmix: { window_weeks: 2, tolerance: 15 }\n';
const post = (at: string, networks: string, objective = 'education', status = 'ready') =>
  `---\ntitle: P\npublish_at: ${at}\nnetworks: [${networks}]\nobjective: ${objective}\nstatus: ${status}\n---\nText for ${at} ${networks}.\n`;

async function project(posts: Record<string, string> = {}) {
  const repo = makeRepo({ 'plans/networks.yaml': NETWORKS, 'plans/objectives.yaml': OBJECTIVES, ...posts });
  return loadRepository(repo.root);
}

describe('nextFreeSlot', () => {
  // Mon Jan 7, 2030, 10:00 AM in New York: Monday's 09:00 slot has passed.
  const NOW = new Date('2030-01-07T15:00:00Z');

  it('takes the next slot of the networks after now, on a day none of them has a post', async () => {
    const { project: p, posts } = await project({ 'content/a.md': post('2030-01-08 15:00', 'facebook', 'education', 'draft') });
    const picked = nextFreeSlot(p, posts, ['x', 'facebook'], NOW);
    expect(picked.text).toBe('2030-01-09 12:00');
    expect(picked.choice?.why).toBe('the next posting slot (Wed 12:00, X) on a day with no post on these networks yet: Wed Jan 9, 12:00 pm');
    expect(nextFreeSlot(p, posts, ['x'], NOW).text).toBe('2030-01-09 12:00');
    expect(nextFreeSlot(p, [], ['facebook'], NOW).text).toBe('2030-01-08 10:00');
  });

  it('uses 09:00 on the next free day when the networks have no slots', async () => {
    const { project: p, posts } = await project({ 'content/a.md': post('2030-01-08 09:00', 'instagram') });
    const picked = nextFreeSlot(p, posts, ['instagram'], NOW);
    expect(picked.text).toBe('2030-01-09 09:00');
    expect(picked.choice?.why).toMatch(/^plans\/networks\.yaml gives these networks no posting slots: 09:00 on the next day with no post on them yet, Wed Jan 9$/);
  });

  it('places a slot on the practice clock across a daylight-saving change', async () => {
    const { project: p } = await project();
    // Sun Mar 10, 2030: clocks spring forward in New York; Monday 09:00 is then 13:00 UTC.
    expect(nextFreeSlot(p, [], ['x'], new Date('2030-03-09T12:00:00Z')).instant.toISOString()).toBe('2030-03-11T13:00:00.000Z');
  });
});

describe('chooseObjective', () => {
  it('picks the objective furthest below its share in the mix window that ends with the post\'s week', async () => {
    const { project: p, posts } = await project({
      'content/a.md': post('2030-01-08 09:00', 'x', 'education'),
      'content/b.md': post('2030-01-09 09:00', 'x', 'education'),
      'content/c.md': post('2030-01-15 09:00', 'x', 'satisfaction'),
      'content/d.md': post('2030-01-16 09:00', 'x', 'new-patients', 'draft'),
      // Outside the two weeks to Sun Jan 20: not counted.
      'content/e.md': post('2029-12-20 09:00', 'x', 'new-patients'),
    });
    const chosen = chooseObjective(undefined, p, posts, new Date('2030-01-17T15:00:00Z'));
    expect(chosen.objective).toBe('new-patients');
    expect(chosen.choice?.why).toBe('furthest below its share in the 2 weeks to Sun Jan 20: 0 of 3 ready posts (0%) against 30%');
  });

  it('takes an objective given by id or label, in any case, and names the choices when it is not one', async () => {
    const { project: p, posts } = await project();
    expect(chooseObjective('PATIENT EDUCATION', p, posts, new Date()).objective).toBe('education');
    expect(chooseObjective('New-Patients', p, posts, new Date())).toEqual({ objective: 'new-patients' });
    expect(() => chooseObjective('fun', p, posts, new Date(), 'the "Objective" field')).toThrow(
      'the "Objective" field: "fun" is not an objective in plans/objectives.yaml (education: Patient education; new-patients: Attract new patients; satisfaction: Patient satisfaction)',
    );
  });
});

describe('chooseNetworks and chooseAudience', () => {
  it('read ids or labels in any case', async () => {
    const { project: p } = await project();
    expect(chooseNetworks(['Facebook', 'X'], p, false).networks).toEqual(['facebook', 'x']);
    expect(chooseNetworks(undefined, p, false).networks).toEqual(['x', 'facebook']);
    expect(chooseNetworks(undefined, p, true).networks).toEqual(['x', 'facebook', 'instagram']);
    expect(chooseAudience(['Parents of young children', 'SENIORS'], p)).toEqual(['parents', 'seniors']);
    expect(() => chooseAudience(['teens'], p)).toThrow('--audience: teens is not an audience in plans/audiences.yaml (parents: Parents of young children; seniors: Adults 65 and older)');
  });
});

describe('file names and YAML text', () => {
  it('makes a file name of a title', () => {
    expect(slugOf('Flu shots are here!', 7)).toBe('flu-shots-are-here');
    expect(slugOf('Café: ¿qué hay?', 7)).toBe('cafe-que-hay');
    expect(slugOf('🎉🎉', 12)).toBe('issue-12');
  });

  it('quotes what YAML would read otherwise', () => {
    expect(yamlText('Flu shots are here')).toBe('Flu shots are here');
    expect(yamlText('Flu shots: walk in #today')).toBe('"Flu shots: walk in #today"');
    expect(yamlText('yes')).toBe('"yes"');
    expect(yamlText('2026')).toBe('"2026"');
    expect(yamlText('Say "hi"')).toBe('"Say \\"hi\\""');
  });
});
