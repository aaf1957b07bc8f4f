import * as vscode from 'vscode';
import { Commands } from '../../constants';

/** The root guard's other answer: the RAM user flow, started after the change was called off. */
export function createRamUserInstead(): void {
  void vscode.commands.executeCommand(Commands.ramCreateRamUserAndKey);
}
