/* The inner loop of the banded DP, compiled: the same table as the numpy path.
 *
 * Built as an optional extension (setup.py): where no C compiler is found the package
 * installs without it and the numpy loop runs. Arrays arrive through the buffer protocol
 * (no numpy headers needed). Two entry points:
 *
 * fill_rows: bead costs given per cell (the numpy path's ``idx``/``step`` chunks): cost
 *   float64[total+1], move int8[total], run int32[total], start int64[n+2], lo int64[n+1],
 *   idx int64[K*C], step float64[K*C], kinds int8[K], gap_prefix float64[m+1], gap_open
 *   float64[m+1]. See kernel.py for the recurrence.
 * trace: dp.traceback's walk back through the filled table.
 * fill_band: the same table, the bead costs computed here cell by cell from the sentence
 *   runs' prefix lengths, squared norms, centre dots and the band's dot products (exactly
 *   the formulas of search._cost_fn and costs.length_cost, in the same order), so the
 *   numpy path's per-cell arrays (ten moves x cells, several temporaries each) never exist.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>

/* Cell c (column j) of the row starting at s0, given the best non-0-1 move's cost and kind:
 * a run of 0-1 beads replaces it only if better by more than rounding (kernel.py's recurrence);
 * then the running minimum of the row's 0-1 runs moves on. Shared by both fill loops. */
static inline void settle(double *cost, int8_t *move, int32_t *run, int64_t s0, int64_t c, int64_t j,
                          double best, int8_t kind, const double *prefix, const double *gopen,
                          Py_ssize_t n_open, int h, double *run_min, int64_t *origin) {
    double cum = prefix[j];
    double shifted = *run_min + cum;
    double limit = isinf(best) ? INFINITY : best - 1e-9 * (1.0 + fabs(best));
    if (c > 0 && shifted < limit) {
        cost[s0 + c] = shifted;
        move[s0 + c] = (int8_t)h;
        run[s0 + c] = (int32_t)(c - *origin);
    } else {
        cost[s0 + c] = best;
        move[s0 + c] = kind;
        run[s0 + c] = 0;
    }
    double nxt = j + 1 < n_open ? gopen[j + 1] : INFINITY;
    double y = best - cum + nxt;
    if (y <= *run_min) {
        *run_min = y;
        *origin = c;
    }
}

static PyObject *fill_rows(PyObject *self, PyObject *args) {
    Py_buffer b_cost, b_move, b_run, b_start, b_lo, b_idx, b_step, b_kinds, b_prefix, b_open;
    Py_ssize_t i0, i1, n_moves;
    int h;
    if (!PyArg_ParseTuple(args, "w*w*w*y*y*nny*y*y*ny*y*i", &b_cost, &b_move, &b_run, &b_start, &b_lo,
                          &i0, &i1, &b_idx, &b_step, &b_kinds, &n_moves, &b_prefix, &b_open, &h))
        return NULL;
    double *cost = (double *)b_cost.buf;
    int8_t *move = (int8_t *)b_move.buf;
    int32_t *run = (int32_t *)b_run.buf;
    const int64_t *start = (const int64_t *)b_start.buf, *lo = (const int64_t *)b_lo.buf;
    const int64_t *idx = (const int64_t *)b_idx.buf;
    const double *step = (const double *)b_step.buf;
    const int8_t *kinds = (const int8_t *)b_kinds.buf;
    const double *prefix = (const double *)b_prefix.buf, *gopen = (const double *)b_open.buf;
    Py_ssize_t n_open = b_open.len / (Py_ssize_t)sizeof(double);
    Py_ssize_t chunk = n_moves ? b_idx.len / (Py_ssize_t)sizeof(int64_t) / n_moves : 0;
    int64_t base = start[i0];
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t i = i0; i < i1; i++) {
        int64_t s0 = start[i], w = start[i + 1] - s0, li = lo[i];
        double run_min = INFINITY;
        int64_t origin = 0;
        for (int64_t c = 0; c < w; c++) {
            int64_t cell = s0 - base + c;
            double best = INFINITY;
            int8_t kind = kinds[0];
            for (Py_ssize_t k = 0; k < n_moves; k++) {
                double v = cost[idx[k * chunk + cell]] + step[k * chunk + cell];
                if (v < best) {
                    best = v;
                    kind = kinds[k];
                }
            }
            settle(cost, move, run, s0, c, li + c, best, kind, prefix, gopen, n_open, h, &run_min, &origin);
        }
    }
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&b_cost); PyBuffer_Release(&b_move); PyBuffer_Release(&b_run);
    PyBuffer_Release(&b_start); PyBuffer_Release(&b_lo); PyBuffer_Release(&b_idx);
    PyBuffer_Release(&b_step); PyBuffer_Release(&b_kinds); PyBuffer_Release(&b_prefix);
    PyBuffer_Release(&b_open);
    Py_RETURN_NONE;
}


/* -log P(|delta| >= observed), Gale & Church 1993 (costs.length_cost, term for term). */
static double length_cost(double ls, double lt, double ratio, double s2) {
    double mean = (ls + lt / ratio) / 2.0;
    if (!(mean >= 1.0)) mean = 1.0;
    double delta = fabs(lt - ls * ratio) / sqrt(mean * s2);
    double z = delta / sqrt(2.0);
    double t = 1.0 / (1.0 + 0.3275911 * z);
    double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    if (!(poly >= 1e-300)) poly = 1e-300;
    return -(log(poly) - z * z);
}

static PyObject *fill_band(PyObject *self, PyObject *args) {
    Py_buffer b_cost, b_move, b_run, b_start, b_lo, b_hi, b_sp, b_tp, b_sn, b_tn, b_sc, b_tc;
    Py_buffer b_glo, b_ghi, b_ptr, b_flat, b_mdi, b_mdj, b_kinds, b_prior, b_span, b_prefix, b_open;
    Py_ssize_t i0, i1;
    double w_length, w_sim, w_drop, ratio, s2, floor_;
    int h;
    if (!PyArg_ParseTuple(args, "w*w*w*y*y*y*nny*y*y*y*y*y*y*y*y*y*y*y*y*y*y*ddddddy*y*i", &b_cost, &b_move,
                          &b_run, &b_start, &b_lo, &b_hi, &i0, &i1, &b_sp, &b_tp, &b_sn, &b_tn, &b_sc, &b_tc,
                          &b_glo, &b_ghi, &b_ptr, &b_flat, &b_mdi, &b_mdj, &b_kinds, &b_prior, &b_span,
                          &w_length, &w_sim, &w_drop, &ratio, &s2, &floor_, &b_prefix, &b_open, &h))
        return NULL;
    double *cost = (double *)b_cost.buf;
    int8_t *move = (int8_t *)b_move.buf;
    int32_t *run = (int32_t *)b_run.buf;
    const int64_t *start = (const int64_t *)b_start.buf, *lo = (const int64_t *)b_lo.buf;
    const int64_t *hi = (const int64_t *)b_hi.buf;
    const double *sp = (const double *)b_sp.buf, *tp = (const double *)b_tp.buf;
    const double *sn = (const double *)b_sn.buf, *tn = (const double *)b_tn.buf;
    const double *sc = (const double *)b_sc.buf, *tc = (const double *)b_tc.buf;
    int centres = b_sc.len > 0 && b_tc.len > 0;
    const int64_t *glo = (const int64_t *)b_glo.buf, *ghi = (const int64_t *)b_ghi.buf;
    const int64_t *ptr = (const int64_t *)b_ptr.buf;
    const float *flat = (const float *)b_flat.buf;
    const int8_t *mdi = (const int8_t *)b_mdi.buf, *mdj = (const int8_t *)b_mdj.buf;
    const int8_t *kinds = (const int8_t *)b_kinds.buf;
    const double *prior = (const double *)b_prior.buf, *span0 = (const double *)b_span.buf;
    const double *prefix = (const double *)b_prefix.buf, *gopen = (const double *)b_open.buf;
    Py_ssize_t n_moves = b_kinds.len;
    Py_ssize_t n_open = b_open.len / (Py_ssize_t)sizeof(double);
    Py_ssize_t rows_s = b_sp.len / (Py_ssize_t)sizeof(double);  /* n + 1 */
    Py_ssize_t rows_t = b_tp.len / (Py_ssize_t)sizeof(double);  /* m + 1 */
    /* One row at a time: first every move's candidate for every cell of the row (the cells
     * are independent, so the divisions, roots and logarithms pipeline), then the argmin over
     * the moves in MOVES order (ties go to the first, as numpy's argmin) and the 0-1 runs. */
    int64_t max_w = 0;
    for (Py_ssize_t i = i0; i < i1; i++)
        if (start[i + 1] - start[i] > max_w) max_w = start[i + 1] - start[i];
    double *cand = PyMem_RawMalloc(sizeof(double) * (size_t)(n_moves * max_w + 1));
    double *spread_t = centres ? PyMem_RawMalloc(sizeof(double) * (size_t)(5 * rows_t)) : NULL;
    if (!cand || (centres && !spread_t)) {
        PyMem_RawFree(cand);
        PyMem_RawFree(spread_t);
        PyErr_NoMemory();
        goto release;
    }
    Py_BEGIN_ALLOW_THREADS
    if (centres) /* 1 - cos(run of d target sentences ending at j, source mean), floored */
        for (int64_t d = 1; d <= 4 && d * rows_t <= b_tn.len / (Py_ssize_t)sizeof(double); d++)
            for (int64_t j = d; j < rows_t; j++) {
                double nt = tn[d * rows_t + j];
                double x = 1.0 - (tc[j] - tc[j - d]) / sqrt(nt > 1e-12 ? nt : 1e-12);
                spread_t[d * rows_t + j] = x > floor_ ? x : floor_;
            }
    for (Py_ssize_t i = i0; i < i1; i++) {
        int64_t s0 = start[i], w = start[i + 1] - s0, li = lo[i];
        for (Py_ssize_t k = 0; k < n_moves; k++) {
            double *out = cand + k * max_w;
            int64_t di = mdi[k], dj = mdj[k], p = i - di;
            int64_t c0 = 0, c1 = 0;
            if (p >= 0) {  /* predecessor (p, j - dj) inside row p's columns and the matrix */
                c0 = lo[p] + dj - li;
                if (dj - li > c0) c0 = dj - li;
                if (c0 < 0) c0 = 0;
                c1 = hi[p] + dj - li;
                if (c1 > w) c1 = w;
                if (c1 < c0) c1 = c0;
            }
            for (int64_t c = 0; c < c0; c++) out[c] = INFINITY;
            for (int64_t c = c1; c < w; c++) out[c] = INFINITY;
            if (c1 <= c0) continue;
            const double *before = cost + (p >= 0 ? start[p] - lo[p] : 0) - dj;  /* before[j] */
            if (dj == 0) {
                for (int64_t c = c0; c < c1; c++) out[c] = before[li + c] + w_drop;
                continue;
            }
            double ns = sn[di * rows_s + i], ls = sp[i] - sp[p];
            double xs = 1.0;
            if (centres) {
                xs = 1.0 - (sc[i] - sc[p]) / sqrt(ns > 1e-12 ? ns : 1e-12);
                if (!(xs > floor_)) xs = floor_;
            }
            const double *nt_d = tn + dj * rows_t, *st_d = centres ? spread_t + dj * rows_t : NULL;
            for (int64_t c = c0; c < c1; c++) {
                int64_t j = li + c;
                double num = 0.0;
                for (int64_t d = 1; d <= di; d++) {
                    int64_t a = i - d, g0 = glo[a], g1 = ghi[a];
                    const float *row = flat + ptr[a] - g0;
                    for (int64_t e = 1; e <= dj; e++) {
                        int64_t bj = j - e;
                        if (bj >= g0 && bj < g1) num += (double)row[bj];
                    }
                }
                double den = sqrt(ns * nt_d[j]);
                double sim = den > 0 ? num / den : 0.0;
                double lc = length_cost(ls, tp[j] - tp[j - dj], ratio, s2);
                double span = centres ? span0[k] / (xs * st_d[j]) : span0[k];
                out[c] = before[j] + (prior[k] + w_length * lc + w_sim * (1.0 - sim) * span);
            }
        }
        double run_min = INFINITY;
        int64_t origin = 0;
        for (int64_t c = 0; c < w; c++) {
            int64_t j = li + c;
            double best = INFINITY;
            int8_t kind = n_moves ? kinds[0] : (int8_t)h;
            for (Py_ssize_t k = 0; k < n_moves; k++) {
                double v = cand[k * max_w + c];
                if (v < best) {
                    best = v;
                    kind = kinds[k];
                }
            }
            settle(cost, move, run, s0, c, j, best, kind, prefix, gopen, n_open, h, &run_min, &origin);
        }
    }
    Py_END_ALLOW_THREADS
    PyMem_RawFree(cand);
    PyMem_RawFree(spread_t);
release:;
    Py_buffer *all[] = {&b_cost, &b_move, &b_run, &b_start, &b_lo, &b_hi, &b_sp, &b_tp, &b_sn, &b_tn, &b_sc,
                        &b_tc, &b_glo, &b_ghi, &b_ptr, &b_flat, &b_mdi, &b_mdj, &b_kinds, &b_prior, &b_span,
                        &b_prefix, &b_open};
    for (size_t k = 0; k < sizeof(all) / sizeof(all[0]); k++) PyBuffer_Release(all[k]);
    if (PyErr_Occurred()) return NULL;
    Py_RETURN_NONE;
}

/* dp.traceback's walk from cell (n, end) back to (0, 0): a list of (i0, i1, j0, j1) beads in
 * path order. move int8[total], run int32[total], start int64[n+2], lo int64[n+1], di/dj
 * int8[len(MOVES)]; h is the 0-1 move. */
static PyObject *trace(PyObject *self, PyObject *args) {
    Py_buffer b_move, b_run, b_start, b_lo, b_di, b_dj;
    Py_ssize_t n, end;
    int h;
    if (!PyArg_ParseTuple(args, "y*y*y*y*nny*y*i", &b_move, &b_run, &b_start, &b_lo, &n, &end, &b_di, &b_dj, &h))
        return NULL;
    const int8_t *move = (const int8_t *)b_move.buf, *mdi = (const int8_t *)b_di.buf, *mdj = (const int8_t *)b_dj.buf;
    const int32_t *run = (const int32_t *)b_run.buf;
    const int64_t *start = (const int64_t *)b_start.buf, *lo = (const int64_t *)b_lo.buf;
    Py_ssize_t n_kinds = b_di.len, total = b_move.len;
    PyObject *out = PyList_New(0);
    int64_t i = n, j = end;
    while (out && (i > 0 || j > 0)) {
        int64_t k = start[i] + j - lo[i];
        int m = k >= 0 && k < total ? move[k] : -1;
        int64_t di, dj, steps = 1;
        if (m == h) {
            di = 0;
            dj = 1;
            steps = run[k] > 1 ? run[k] : 1;
        } else if (m >= 0 && m < n_kinds && (mdi[m] > 0 || mdj[m] > 0)) {
            di = mdi[m];
            dj = mdj[m];
        } else {
            PyErr_SetString(PyExc_ValueError, "traceback left the table");
            Py_CLEAR(out);
            break;
        }
        for (int64_t r = 0; r < steps && out; r++) {
            PyObject *bead = Py_BuildValue("(LLLL)", (long long)(i - di), (long long)i, (long long)(j - dj),
                                           (long long)j);
            if (!bead || PyList_Append(out, bead) < 0) Py_CLEAR(out);
            Py_XDECREF(bead);
            i -= di;
            j -= dj;
        }
    }
    PyBuffer_Release(&b_move); PyBuffer_Release(&b_run); PyBuffer_Release(&b_start);
    PyBuffer_Release(&b_lo); PyBuffer_Release(&b_di); PyBuffer_Release(&b_dj);
    if (out && PyList_Reverse(out) < 0) Py_CLEAR(out);
    return out;
}

static PyMethodDef methods[] = {
    {"fill_rows", fill_rows, METH_VARARGS, "Fill rows i0..i1-1 of the banded DP table (see kernel.py)."},
    {"trace", trace, METH_VARARGS, "The beads of the path ending at (n, end) (see dp.traceback)."},
    {"fill_band", fill_band, METH_VARARGS, "Fill rows i0..i1-1, computing the bead costs (see kernel.py)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_fill", NULL, -1, methods};

PyMODINIT_FUNC PyInit__fill(void) { return PyModule_Create(&module); }
