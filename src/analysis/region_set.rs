//! Sets of a metric's regions as bits: grouping a hundred thousand figures
//! by the regions they name, and checking which figures are parts of which,
//! compares and combines words instead of sets of strings.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap;

/// A metric's regions in name order (a region's index is its bit), and
/// the sets figures name, each kept once: most figures name one of a few
/// lists, so a list is turned into a set once, not once per figure.
pub struct Regions<'a> {
    names: Vec<&'a str>,
    index: FxHashMap<&'a str, usize>,
    by_list: FxHashMap<&'a [String], SetId>,
    by_set: FxHashMap<RegionSet, SetId>,
    sets: Vec<RegionSet>,
}

/// A set of [`Regions`], by number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SetId(usize);

/// A set of regions of one [`Regions`].
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RegionSet(Vec<u64>);

impl<'a> Regions<'a> {
    pub fn new(union: &'a BTreeSet<String>) -> Self {
        let names: Vec<&str> = union.iter().map(String::as_str).collect();
        let index = names
            .iter()
            .enumerate()
            .map(|(i, name)| (*name, i))
            .collect();
        let mut regions = Self {
            names,
            index,
            by_list: FxHashMap::default(),
            by_set: FxHashMap::default(),
            sets: Vec::new(),
        };
        let mut all = regions.empty();
        for i in 0..regions.names.len() {
            all.insert(i);
        }
        regions.by_set.insert(all.clone(), Self::ALL);
        regions.sets.push(all);
        regions
    }

    /// Every region.
    pub const ALL: SetId = SetId(0);

    pub fn empty(&self) -> RegionSet {
        RegionSet(vec![0; self.names.len().div_ceil(64)])
    }

    /// The regions a figure names; none named stands for all of them.
    /// Names not among the regions are left out (the union is built from
    /// the same figures, so there are none).
    pub fn of(&mut self, named: &'a [String]) -> SetId {
        if named.is_empty() {
            return Self::ALL;
        }
        if let Some(&id) = self.by_list.get(named) {
            return id;
        }
        let mut set = self.empty();
        for name in named {
            if let Some(&i) = self.index.get(name.as_str()) {
                set.insert(i);
            }
        }
        let id = match self.by_set.get(&set) {
            Some(&id) => id,
            None => {
                let id = SetId(self.sets.len());
                self.by_set.insert(set.clone(), id);
                self.sets.push(set);
                id
            }
        };
        self.by_list.insert(named, id);
        id
    }

    pub fn set(&self, id: SetId) -> &RegionSet {
        // Every id was handed out by `of`, so it is in range.
        &self.sets[id.0]
    }

    /// The names in `set`, in name order.
    pub fn names<'s>(&'s self, set: &'s RegionSet) -> impl Iterator<Item = &'a str> + 's {
        let names = &self.names;
        set.indices().filter_map(move |i| names.get(i).copied())
    }
}

impl RegionSet {
    fn insert(&mut self, i: usize) {
        if let Some(word) = self.0.get_mut(i / 64) {
            *word |= 1 << (i % 64);
        }
    }

    pub fn len(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|w| *w == 0)
    }

    pub fn is_subset(&self, other: &RegionSet) -> bool {
        self.0.iter().zip(&other.0).all(|(a, b)| a & !b == 0)
    }

    pub fn is_disjoint(&self, other: &RegionSet) -> bool {
        self.0.iter().zip(&other.0).all(|(a, b)| a & b == 0)
    }

    /// Adds every region of `other`.
    pub fn extend(&mut self, other: &RegionSet) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a |= b;
        }
    }

    fn indices(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(w, &word)| {
            (0..64)
                .filter(move |bit| word & (1 << bit) != 0)
                .map(move |bit| w * 64 + bit)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_behave_as_sets_of_names() {
        let union: BTreeSet<String> = (0..70).map(|i| format!("region {i:02}")).collect();
        let lists = [
            vec!["region 03".to_owned(), "region 65".to_owned()],
            vec!["region 65".to_owned()],
            vec![],
            vec!["region 04".to_owned()],
            vec!["region 65".to_owned(), "region 03".to_owned()],
        ];
        let mut regions = Regions::new(&union);
        let ids: Vec<SetId> = lists.iter().map(|l| regions.of(l)).collect();
        let [a, b, all, d, a_again] = [0, 1, 2, 3, 4].map(|i| regions.set(ids[i]).clone());
        assert_eq!(ids[2], Regions::ALL);
        assert_eq!((ids[4], a_again), (ids[0], a.clone()));
        assert_eq!((a.len(), b.len(), all.len()), (2, 1, 70));
        assert!(b.is_subset(&a) && a.is_subset(&all) && !a.is_subset(&b));
        assert!(!a.is_disjoint(&b) && d.is_disjoint(&a));
        let mut c = regions.empty();
        c.extend(&a);
        c.extend(&b);
        assert_eq!(c, a);
        assert_eq!(
            regions.names(&a).collect::<Vec<_>>(),
            ["region 03", "region 65"]
        );
    }
}
