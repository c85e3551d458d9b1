/* window.API_1484_11, the SCORM 2004 API a SCO finds by walking window.parent. */
export function installApi2004(session) {
  window.API_1484_11 = {
    version: "1.0",
    Initialize: (param) => session.Initialize(param),
    Terminate: (param) => session.Terminate(param),
    GetValue: (element) => session.GetValue(element),
    SetValue: (element, value) => session.SetValue(element, value),
    Commit: (param) => session.Commit(param),
    GetLastError: () => session.GetLastError(),
    GetErrorString: (code) => session.GetErrorString(code),
    GetDiagnostic: (code) => session.GetDiagnostic(code)
  };
}
