//! Integral flows with lower and upper bounds on the arcs and fixed supplies
//! at the nodes: the exact, whole-number step of the joint allocation.
//!
//! A feasible flow is found by the textbook reduction (each arc's lower
//! bound moved into the supplies of its ends, the supplies served from a
//! super source and to a super sink) and a maximum flow by Dinic's
//! algorithm. With whole-number bounds and supplies the flow found is whole
//! (the node-arc matrix is totally unimodular), which is what makes
//! controlled rounding possible at all. Everything is deterministic: arcs
//! are tried in the order they were added, so a caller can put the arcs it
//! prefers first.

use std::collections::VecDeque;

/// A flow problem: nodes `0..nodes`, arcs with bounds, node supplies.
#[derive(Clone, Debug, Default)]
pub struct Flow {
    nodes: usize,
    /// `(from, to, lower, upper)`, in the order added.
    arcs: Vec<(usize, usize, u64, u64)>,
    /// What each node sends out, net (negative: what it takes in).
    supply: Vec<i128>,
}

impl Flow {
    pub fn new(nodes: usize) -> Self {
        Self {
            nodes,
            arcs: Vec::new(),
            supply: vec![0; nodes],
        }
    }

    /// An arc carrying between `lower` and `upper` units; its flow is at the
    /// same index in what [`Flow::solve`] returns.
    pub fn arc(&mut self, from: usize, to: usize, lower: u64, upper: u64) {
        self.arcs.push((from, to, lower, upper));
    }

    /// Makes `node` send out `amount` more, net (negative: take it in).
    pub fn supply(&mut self, node: usize, amount: i128) {
        if let Some(supply) = self.supply.get_mut(node) {
            *supply += amount;
        }
    }

    /// The flow on each arc, in whole numbers, meeting every bound and
    /// supply; `None` when no such flow exists.
    pub fn solve(&self) -> Option<Vec<u64>> {
        let source = self.nodes;
        let sink = self.nodes + 1;
        let mut graph = Graph::new(self.nodes + 2);
        let mut excess = self.supply.clone();
        for &(from, to, lower, upper) in &self.arcs {
            if lower > upper || from >= self.nodes || to >= self.nodes {
                return None;
            }
            graph.add(from, to, upper - lower);
            excess[from] -= i128::from(lower);
            excess[to] += i128::from(lower);
        }
        if excess.iter().sum::<i128>() != 0 {
            return None;
        }
        let mut required: u64 = 0;
        for (node, &amount) in excess.iter().enumerate() {
            let units = u64::try_from(amount.unsigned_abs()).ok()?;
            if amount > 0 {
                graph.add(source, node, units);
                required = required.checked_add(units)?;
            } else if amount < 0 {
                graph.add(node, sink, units);
            }
        }
        if graph.max_flow(source, sink) != required {
            return None;
        }
        Some(
            self.arcs
                .iter()
                .enumerate()
                // Arc i is edge 2i; the flow it carries is what its reverse
                // edge can give back.
                .map(|(i, &(_, _, lower, _))| lower + graph.cap[2 * i + 1])
                .collect(),
        )
    }
}

/// A residual graph: edge `e` and its reverse `e ^ 1`.
struct Graph {
    adjacent: Vec<Vec<usize>>,
    to: Vec<usize>,
    cap: Vec<u64>,
    level: Vec<u32>,
    next: Vec<usize>,
}

const UNREACHED: u32 = u32::MAX;

impl Graph {
    fn new(nodes: usize) -> Self {
        Self {
            adjacent: vec![Vec::new(); nodes],
            to: Vec::new(),
            cap: Vec::new(),
            level: vec![UNREACHED; nodes],
            next: vec![0; nodes],
        }
    }

    fn add(&mut self, from: usize, to: usize, cap: u64) {
        let edge = self.to.len();
        self.to.extend([to, from]);
        self.cap.extend([cap, 0]);
        self.adjacent[from].push(edge);
        self.adjacent[to].push(edge + 1);
    }

    fn max_flow(&mut self, source: usize, sink: usize) -> u64 {
        let mut total: u64 = 0;
        while self.levels(source, sink) {
            self.next.iter_mut().for_each(|n| *n = 0);
            loop {
                let pushed = self.push(source, sink, u64::MAX);
                if pushed == 0 {
                    break;
                }
                total = total.saturating_add(pushed);
            }
        }
        total
    }

    /// Breadth-first levels from `source`; whether `sink` is reachable.
    fn levels(&mut self, source: usize, sink: usize) -> bool {
        self.level.iter_mut().for_each(|l| *l = UNREACHED);
        self.level[source] = 0;
        let mut queue = VecDeque::from([source]);
        while let Some(node) = queue.pop_front() {
            for &edge in &self.adjacent[node] {
                let to = self.to[edge];
                if self.cap[edge] > 0 && self.level[to] == UNREACHED {
                    self.level[to] = self.level[node] + 1;
                    queue.push_back(to);
                }
            }
        }
        self.level[sink] != UNREACHED
    }

    /// One augmenting path along rising levels (depth at most the number of
    /// levels, which the layered networks of the allocation keep small).
    fn push(&mut self, node: usize, sink: usize, limit: u64) -> u64 {
        if node == sink {
            return limit;
        }
        while let Some(&edge) = self.adjacent[node].get(self.next[node]) {
            let to = self.to[edge];
            if self.cap[edge] > 0 && self.level[to] == self.level[node] + 1 {
                let pushed = self.push(to, sink, limit.min(self.cap[edge]));
                if pushed > 0 {
                    self.cap[edge] -= pushed;
                    self.cap[edge ^ 1] += pushed;
                    return pushed;
                }
            }
            self.next[node] += 1;
        }
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn supplies_reach_demands_within_bounds() {
        // Two rows of 3 and 2 units to two columns of 4 and 1.
        let mut flow = Flow::new(4);
        flow.supply(0, 3);
        flow.supply(1, 2);
        flow.supply(2, -4);
        flow.supply(3, -1);
        flow.arc(0, 2, 0, 3);
        flow.arc(0, 3, 0, 3);
        flow.arc(1, 2, 1, 2);
        flow.arc(1, 3, 0, 0);
        let arcs = flow.solve().expect("feasible");
        assert_eq!(arcs, [2, 1, 2, 0]);
    }

    #[test]
    fn lower_bounds_that_cannot_be_met_are_infeasible() {
        let mut flow = Flow::new(2);
        flow.supply(0, 1);
        flow.supply(1, -1);
        flow.arc(0, 1, 2, 3);
        assert_eq!(flow.solve(), None);
        let mut unbalanced = Flow::new(2);
        unbalanced.supply(0, 2);
        unbalanced.supply(1, -1);
        unbalanced.arc(0, 1, 0, 5);
        assert_eq!(unbalanced.solve(), None);
    }

    #[test]
    fn earlier_arcs_are_preferred() {
        let mut flow = Flow::new(3);
        flow.supply(0, 1);
        flow.supply(1, -1);
        flow.supply(2, 0);
        flow.arc(0, 1, 0, 1);
        flow.arc(0, 2, 0, 1);
        flow.arc(2, 1, 0, 1);
        assert_eq!(flow.solve(), Some(vec![1, 0, 0]));
    }
}
