import { describe, expect, it } from 'vitest';
import { groupAgencies, type PortalAgency } from './portal.directory.ts';

function agency(id: string, parentId: string | null, kind: PortalAgency['kind'], retired = false): PortalAgency {
  return { id, code: id, parentId, name: `机关${id}`, shortName: id, kind, retiredAt: retired ? new Date('2024-01-01T00:00:00Z') : null };
}

describe('groupAgencies', () => {
  const all = [
    agency('city', null, 'government'),
    agency('finance', 'city', 'department'),
    agency('yuzhong', 'city', 'government'),
    agency('park', 'city', 'dispatched'),
    agency('yuzhong-edu', 'yuzhong', 'department'),
    agency('old', 'city', 'department', true),
  ];

  it('puts the root under 市政府, its departments and district governments apart, in the given order', () => {
    const d = groupAgencies(all);
    expect(d.city.map((a) => a.id)).toEqual(['city']);
    expect(d.departments.map((a) => a.id)).toEqual(['finance', 'park']);
    expect(d.districts.map((a) => a.id)).toEqual(['yuzhong']);
  });

  it('leaves out retired agencies and district departments', () => {
    const d = groupAgencies(all);
    const listed = [...d.city, ...d.departments, ...d.districts].map((a) => a.id);
    expect(listed).not.toContain('old');
    expect(listed).not.toContain('yuzhong-edu');
  });

  it('is empty without agencies', () => {
    expect(groupAgencies([])).toEqual({ city: [], departments: [], districts: [] });
  });
});
