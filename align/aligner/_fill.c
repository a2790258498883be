/* The inner loop of the banded DP, compiled: the same table as kernel.fill_rows_numpy.
 *
 * Built as an optional extension (setup.py): where no C compiler is found the package
 * installs without it and the numpy loop runs. Arrays arrive through the buffer protocol
 * (no numpy headers needed): cost float64[total+1], move int8[total], run int32[total],
 * start int64[n+2], lo int64[n+1], idx int64[K*C], step float64[K*C], kinds int8[K],
 * gap_prefix float64[m+1], gap_open float64[m+1]. See kernel.py for the recurrence.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>

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
            double cum = prefix[li + c];
            double shifted = run_min + cum;
            double limit = isinf(best) ? INFINITY : best - 1e-9 * (1.0 + fabs(best));
            if (c > 0 && shifted < limit) {
                cost[s0 + c] = shifted;
                move[s0 + c] = (int8_t)h;
                run[s0 + c] = (int32_t)(c - origin);
            } else {
                cost[s0 + c] = best;
                move[s0 + c] = kind;
                run[s0 + c] = 0;
            }
            double nxt = li + c + 1 < n_open ? gopen[li + c + 1] : INFINITY;
            double y = best - cum + nxt;
            if (y <= run_min) {
                run_min = y;
                origin = c;
            }
        }
    }
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&b_cost); PyBuffer_Release(&b_move); PyBuffer_Release(&b_run);
    PyBuffer_Release(&b_start); PyBuffer_Release(&b_lo); PyBuffer_Release(&b_idx);
    PyBuffer_Release(&b_step); PyBuffer_Release(&b_kinds); PyBuffer_Release(&b_prefix);
    PyBuffer_Release(&b_open);
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"fill_rows", fill_rows, METH_VARARGS, "Fill rows i0..i1-1 of the banded DP table (see kernel.py)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_fill", NULL, -1, methods};

PyMODINIT_FUNC PyInit__fill(void) { return PyModule_Create(&module); }
