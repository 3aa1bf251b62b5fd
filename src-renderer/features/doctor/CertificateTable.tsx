import { useId, useState } from 'react';
import type { CertificateSummary, PortCertificate } from '../../../src-main/contract/domain/doctor';

/**
 * The certificates the doctor read (never a key: only their public facts) and what each port
 * served, folded under the Certificates area: the evidence behind its findings, and behind
 * their absence.
 */
export function CertificateTable({
  certificates,
  ports,
}: {
  certificates: CertificateSummary[];
  ports: PortCertificate[];
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  if (certificates.length === 0 && ports.length === 0) return null;
  return (
    <div className="doctor-certificates">
      <button
        type="button"
        className="secondary doctor-ran-toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden="true">{open ? '▾' : '▸'}</span> {certificates.length} certificate
        {certificates.length === 1 ? '' : 's'} read, {ports.length} port{ports.length === 1 ? '' : 's'} asked
      </button>
      <div id={id} hidden={!open}>
        {certificates.length > 0 ? (
          <table className="doctor-table">
            <caption className="visually-hidden">Certificates read on the node</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Not after</th>
                <th scope="col">Days left</th>
                <th scope="col">Chain</th>
                <th scope="col">Where</th>
              </tr>
            </thead>
            <tbody>
              {certificates.map((c, i) => (
                <tr key={`${c.location}-${c.serial}-${i}`}>
                  <td>{c.name}</td>
                  <td>{c.notAfter}</td>
                  <td
                    className={
                      c.daysLeft < 0
                        ? 'doctor-state-error'
                        : c.daysLeft <= 30
                          ? 'doctor-state-warning'
                          : undefined
                    }
                  >
                    {c.daysLeft}
                  </td>
                  <td title={c.chainDetail}>{c.chain}</td>
                  <td className="doctor-mono">{c.location}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {ports.length > 0 ? (
          <table className="doctor-table">
            <caption className="visually-hidden">What each port served</caption>
            <thead>
              <tr>
                <th scope="col">Port</th>
                <th scope="col">Component</th>
                <th scope="col">Outcome</th>
                <th scope="col">Served serial</th>
                <th scope="col">Same as the file</th>
              </tr>
            </thead>
            <tbody>
              {ports.map((p) => (
                <tr key={`${p.host}:${p.port}`}>
                  <td className="doctor-mono">
                    {p.host}:{p.port}
                  </td>
                  <td>{p.component}</td>
                  <td title={p.reason ?? undefined}>
                    {p.outcome}
                    {p.tool ? ` (${p.tool})` : ''}
                  </td>
                  <td className="doctor-mono">{p.served?.serial ?? '—'}</td>
                  <td>{p.matchesFile === null ? 'not compared' : p.matchesFile ? 'yes' : 'no'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
    </div>
  );
}
