import AsyncStorage from '@react-native-async-storage/async-storage';
import * as SecureStore from 'expo-secure-store';
import type { Tokens } from '../types';

export async function saveSession(tokens: Tokens, theme: string): Promise<void> {
  await AsyncStorage.setItem('refreshToken', tokens.refresh); // expect: react-native-design/asyncstorage-secret
  await SecureStore.setItemAsync('accessToken', tokens.access); // near: react-native-design/asyncstorage-secret
  await AsyncStorage.setItem('theme', theme); // near: react-native-design/asyncstorage-secret
}
